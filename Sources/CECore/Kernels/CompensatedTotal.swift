/// A running sum with Neumaier's compensation (the kernels' copy of CECore's
/// `CompensatedSum`): the lost low-order part of every addition is kept, so the total
/// stays within about one rounding of the exact sum.
struct CompensatedTotal<T: FloatingPoint> {
    var sum: T
    var compensation: T = 0

    @inline(__always) init(_ first: T) { sum = first }

    @inline(__always)
    mutating func add(_ x: T) {
        let t = sum + x
        if abs(sum) >= abs(x) {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }

    /// The compensated total (an infinite or NaN sum is returned as is).
    var value: T { sum.isFinite ? sum + compensation : sum }
}
