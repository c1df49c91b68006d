import FlyingSocks
import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// An `AsyncStream` of byte chunks as the buffered byte sequence FlyingFox
/// streams a response body from (sent with chunked transfer encoding), so
/// that each Server-Sent Event goes out as soon as it is yielded.
struct EventStreamBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let chunks: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator {
        Iterator(base: chunks.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty {
                guard let chunk = await nextChunk() else { return nil }
                pending = chunk
            }
            return pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if !pending.isEmpty {
                let take = Array(pending.prefix(Swift.max(count, 1)))
                pending.removeFirst(take.count)
                return take
            }
            guard let chunk = await nextChunk() else { return nil }
            if chunk.count <= count { return chunk }
            pending = Array(chunk.dropFirst(count))
            return Array(chunk.prefix(count))
        }

        /// The next non-empty chunk, or `nil` when the stream ended.
        private mutating func nextChunk() async -> [UInt8]? {
            while let data = await base.next() {
                if !data.isEmpty { return [UInt8](data) }
            }
            return nil
        }
    }
}
