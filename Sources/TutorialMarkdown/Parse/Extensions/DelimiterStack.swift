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

    /// The live runs as a doubly linked list (-1 at either end), so taking
    /// one off costs nothing however many were taken off before it.
    private var previous: [Int] = []
    private var following: [Int] = []

    mutating func push(_ run: DelimiterRun) {
        if lastLive >= 0 { following[lastLive] = runs.count }
        previous.append(lastLive)
        following.append(-1)
        runs.append(run)
        lastLive = runs.count - 1
    }

    /// The last live run, where the list ends.
    private var lastLive = -1

    /// Takes run `k` off the stack.
    private mutating func remove(_ k: Int) {
        guard runs[k].live else { return }
        runs[k].live = false
        let (p, n) = (previous[k], following[k])
        if p >= 0 { following[p] = n }
        if n >= 0 { previous[n] = p } else { lastLive = p }
    }

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
                    remove(o)
                    remove(c)
                }
            } else {
                closer = nextLive(after: c)
                openersBottom[key] = old
                if !runs[old].canOpen { remove(old) }
            }
        }
        while lastLive >= bottom { remove(lastLive) }
    }

    /// cmark-gfm's strikethrough insertion: equal lengths strike, and strand what is between.
    private mutating func strike(_ opener: Int, _ closer: Int) -> Int? {
        let next = nextLive(after: closer)
        guard runs[opener].length == runs[closer].length else { return next }
        struck.append((opener, closer))
        var k = following[opener]
        while k != closer {
            runs[k].strandedBy = closer
            let n = following[k]
            remove(k)
            k = n
        }
        remove(opener)
        remove(closer)
        return next
    }

    /// CommonMark's emphasis insertion: one or two characters from each side,
    /// and what is between goes off the stack (tildes included).
    private mutating func emphasis(_ opener: Int, _ closer: Int) -> Int? {
        let use = runs[opener].remaining >= 2 && runs[closer].remaining >= 2 ? 2 : 1
        runs[opener].usedFromEnd += use
        runs[closer].usedFromStart += use
        var k = following[opener]
        while k != closer {
            let n = following[k]
            remove(k)
            k = n
        }
        if runs[opener].remaining == 0 { remove(opener) }
        if runs[closer].remaining == 0 {
            let next = nextLive(after: closer)
            remove(closer)
            return next
        }
        return closer
    }

    /// The live run after `k` (which is live, or `bottom - 1` when the search starts).
    private func nextLive(after k: Int) -> Int? {
        if k >= 0 && runs[k].live { return following[k] >= 0 ? following[k] : nil }
        var i = k + 1
        while i < runs.count && !runs[i].live { i += 1 }
        return i < runs.count ? i : nil
    }

    /// The live run before `k`, which is live or the end of the stack.
    private func previousLive(before k: Int) -> Int? {
        if k == runs.count { return lastLive >= 0 ? lastLive : nil }
        return previous[k] >= 0 ? previous[k] : nil
    }
}
