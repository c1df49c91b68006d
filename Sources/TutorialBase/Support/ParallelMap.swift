import Foundation

/// `map` over independent items on every core, results in input order.
package enum ParallelMap {
    package static func map<C: Collection, T>(_ items: C, _ transform: (C.Element) -> T) -> [T] where C.Element: Sendable {
        let input = Array(items)
        var results = [T?](repeating: nil, count: input.count)
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let work = transform
            results.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let slots = buffer
                DispatchQueue.concurrentPerform(iterations: input.count) { i in
                    slots[i] = work(input[i])
                }
            }
        }
        return results.map { $0! }
    }
}
