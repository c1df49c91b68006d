import TutorialBase
import TutorialMarkdown

/// Runs kept between the builds of `render serve` and `render watch`, by
/// program key and seed variant. The stage asks and tells; the session that
/// owns the memory (the driver's `RebuildMemo`) lives above it.
///
/// A run is a pure function of its content-addressed key and variant, so a
/// remembered run changes no output.
package protocol RunMemo: AnyObject, Sendable {
    /// The run remembered for a program key and seed variant.
    func run(key: String, variant: String) -> RawRun?
    /// Remembers a run read from, or just stored in, the cache.
    func remember(_ run: RawRun, key: String, variant: String)
}
