internal import ChapterChannel

/// Whether an `=` step that agreed with the step it is compared with, within
/// the tolerance, differs from it by the same amount every time.
///
/// The tolerance (relative 10⁻⁹, absolute 10⁻¹² by default) is there for
/// rounding, and it also lets a wrong step through: x = x + 10⁻¹² and
/// x = x·(1 + 10⁻¹⁰) agree with x within it on every draw. Rounding does not
/// look like that. Its differences change size and sign from draw to draw and
/// are a few ulps; a term the step adds or a factor it scales by gives the
/// same difference b − a, or the same relative difference (b − a)/max(|a|, |b|),
/// every time. So when at least `minimumCount` elements differ, every one of
/// them by more than `ulps` ulps of max(|a|, |b|, 1), all with one sign, and
/// the largest of them (absolute, or relative) is within `ratio` of the
/// smallest, the step is not equal to the other as written. Elements that
/// agree exactly are passed over (a small term vanishes into a large value's
/// rounding), and one difference within the floor, or of the other sign,
/// clears the step.
struct SteadyOffset {
    /// How many differing elements it takes.
    static let minimumCount = 8
    /// The floor of a difference, in ulps of max(|a|, |b|, 1): 64 ulps is
    /// about 1.4·10⁻¹⁴ near 1, more than a short formula's rounding.
    static let ulps = 64.0
    /// How close the largest difference must be to the smallest.
    static let ratio = 1.05

    /// How many elements differed so far.
    private(set) var count = 0
    /// Whether every difference so far was past the floor, with one sign:
    /// once false, nothing more can make the step steady, and callers stop adding.
    private(set) var isSteady = true
    private var absolute: ClosedRange<Double>?
    private var relative: ClosedRange<Double>?
    /// The element and draw of the first difference, to report.
    var first: (index: Int, example: DerivationFailure)?

    /// Adds element `a` of the reference and `b` of the step: whether it is the first difference.
    mutating func add(_ a: Double, _ b: Double) -> Bool {
        guard isSteady, a != b, a.isFinite, b.isFinite else { return false }
        let d = b - a
        let size = Swift.max(abs(a), abs(b))
        guard abs(d) > Self.ulps * Swift.max(size, 1).ulp else {
            isSteady = false
            return false
        }
        let r = d / size
        if let absolute, (absolute.lowerBound < 0) != (d < 0) {
            isSteady = false
            return false
        }
        absolute = absolute.map { Swift.min($0.lowerBound, d)...Swift.max($0.upperBound, d) } ?? d...d
        relative = relative.map { Swift.min($0.lowerBound, r)...Swift.max($0.upperBound, r) } ?? r...r
        count += 1
        return count == 1
    }

    /// The steady difference, when there is one: its size, and whether it is relative.
    var verdict: (difference: Double, relative: Bool)? {
        guard isSteady, count >= Self.minimumCount, let absolute, let relative else { return nil }
        func tight(_ range: ClosedRange<Double>) -> Bool {
            let low = Swift.min(abs(range.lowerBound), abs(range.upperBound)), high = Swift.max(abs(range.lowerBound), abs(range.upperBound))
            return high <= Self.ratio * low
        }
        if tight(absolute) { return (absolute.upperBound, false) }
        if tight(relative) { return (relative.upperBound, true) }
        return nil
    }
}
