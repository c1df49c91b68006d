import TutorialBase

/// cmark-gfm's "process emphasis" over `*`, `_`, `~` and smart quotes
/// together, kept only to learn which tildes pair and which delimiters a
/// strikethrough strands.
///
/// The rule (CommonMark's, which cmark-gfm applies to `~` as well): each
/// closer, left to right, looks back for the nearest opener of the same
/// character, skipping one that the "multiple of 3" rule forbids; when it
/// finds one, every delimiter between the two is taken off the stack, so
/// it can never pair again and is shown as text. A tilde closer and opener
/// of different lengths find each other but make nothing, and nothing is
/// removed. cmark (plain CommonMark) never sees tildes, so it cannot know
/// that `~~a *b~~ c*` strands the `*`; this stack is how we find out.
struct DelimiterStack {
    private(set) var runs: [DelimiterRun] = []
    /// Pairs of tilde runs that make a strikethrough, by their place in `runs`.
    private(set) var struck: [(opener: Int, closer: Int)] = []

    /// The place the next run pushed will have: a bracket remembers it as
    /// the bottom of the delimiters its link text holds.
    var count: Int { runs.count }

    mutating func push(_ run: DelimiterRun) { runs.append(run) }

    /// Pairs the live delimiters from `bottom` on, then takes them all off the stack.
    mutating func process(from bottom: Int) {
        // cmark-gfm's lower bound for the opener search, per closer length mod 3 and character.
        var openersBottom: [String: Int] = [:]
        var closer = nextLive(after: bottom - 1)
        while let c = closer {
            guard runs[c].canClose else { closer = nextLive(after: c); continue }
            let key = "\(runs[c].length % 3)\(runs[c].character)"
            let floor = max(bottom, openersBottom[key] ?? bottom)
            var opener = previousLive(before: c)
            var found = false
            while let o = opener, o >= floor {
                if runs[o].canOpen && runs[o].character == runs[c].character {
                    let sum = runs[o].length + runs[c].length
                    if !(runs[c].canOpen || runs[o].canClose) || runs[c].length % 3 == 0 || sum % 3 != 0 {
                        found = true
                        break
                    }
                }
                opener = previousLive(before: o)
            }
            let old = c
            if found, let o = opener {
                switch runs[c].character {
                case "~": closer = strike(o, c)
                case "*", "_": closer = emphasis(o, c)
                default:  // a smart quote
                    closer = nextLive(after: c)
                    runs[o].openedQuote = true
                    runs[o].live = false
                    runs[c].live = false
                }
            } else {
                closer = nextLive(after: c)
                openersBottom[key] = old
                if !runs[old].canOpen { runs[old].live = false }
            }
        }
        for k in runs.indices where k >= bottom { runs[k].live = false }
    }

    /// cmark-gfm's strikethrough insertion: equal lengths strike, and strand what is between.
    private mutating func strike(_ opener: Int, _ closer: Int) -> Int? {
        let next = nextLive(after: closer)
        guard runs[opener].length == runs[closer].length else { return next }
        struck.append((opener, closer))
        for k in (opener + 1)..<closer where runs[k].live {
            runs[k].live = false
            runs[k].strandedBy = closer
        }
        runs[opener].live = false
        runs[closer].live = false
        return next
    }

    /// CommonMark's emphasis insertion: one or two characters from each side,
    /// and what is between goes off the stack (tildes included).
    private mutating func emphasis(_ opener: Int, _ closer: Int) -> Int? {
        let use = runs[opener].remaining >= 2 && runs[closer].remaining >= 2 ? 2 : 1
        runs[opener].usedFromEnd += use
        runs[closer].usedFromStart += use
        for k in (opener + 1)..<closer { runs[k].live = false }
        if runs[opener].remaining == 0 { runs[opener].live = false }
        if runs[closer].remaining == 0 {
            runs[closer].live = false
            return nextLive(after: closer)
        }
        return closer
    }

    private func nextLive(after k: Int) -> Int? {
        var i = k + 1
        while i < runs.count && !runs[i].live { i += 1 }
        return i < runs.count ? i : nil
    }

    private func previousLive(before k: Int) -> Int? {
        var i = k - 1
        while i >= 0 && !runs[i].live { i -= 1 }
        return i >= 0 ? i : nil
    }
}
