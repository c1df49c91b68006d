/// A running sum with Kahan–Babuška (Neumaier) compensation.
///
/// The lost low-order part of every addition is kept in `compensation`, so the error of
/// the total stays near one rounding of the result instead of growing with the count.
@usableFromInline
struct CompensatedSum<T: BinaryFloatingPoint> {
    @usableFromInline var sum: T = 0
    @usableFromInline var compensation: T = 0

    @inlinable init() {}

    @inlinable
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
    @inlinable var value: T { sum.isFinite ? sum + compensation : sum }
}
