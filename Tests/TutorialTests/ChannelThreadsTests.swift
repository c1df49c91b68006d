import ChapterChannel
import Foundation
import Testing
@testable import ChapterRuntime

/// The runtime's channel from several threads at once: chapter code may
/// send figures and tables from any thread, and render must read every
/// record, in sequence, as genuine.
@Suite(.serialized) struct ChannelThreadsTests {
    @Test func recordsSentFromEightThreadsAtOnceAllReadAsGenuineInSequence() throws {
        let path = NSTemporaryDirectory() + "channel-threads-\(getpid()).jsonl"
        defer { unlink(path) }
        let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_APPEND, 0o600)
        #expect(descriptor >= 0)
        let key = ChannelKey.random()
        let saved = (Channel.descriptor, Channel.key, Channel.sequence)
        Channel.descriptor = descriptor
        Channel.key = key
        Channel.sequence = 0
        defer {
            close(descriptor)
            (Channel.descriptor, Channel.key, Channel.sequence) = saved
        }
        let threads = 8, each = 2_000
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for k in 0..<each { Channel.send(.at(item: thread * each + k)) }
        }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let opened = ChannelFrame.open(bytes, key: key)
        #expect(opened.problem == nil, "\(opened.problem ?? "")")
        #expect(opened.records.count == threads * each)
        #expect(!opened.truncated)
    }
}
