import Foundation

/// The verdicts of every entry for the last profile searched with. A profile changes when a family
/// answers a question; a keystroke does not change it, so typing never recomputes a verdict.
/// The words of a verdict (its reason, what to try instead) are made for the hits a page shows,
/// once per entry and profile: the page after the next keystroke shows mostly the same entries.
final class VerdictCache: @unchecked Sendable {
    private let lock = NSLock()
    private var profile: Profile?
    private var cached: [Verdict] = []
    private var wordsProfile: Profile?
    private var words: [Int: Eligibility] = [:]
    /// Entries whose words are kept at once: a few pages' worth, whatever the directory's size.
    static let wordsKept = 2_048

    func verdicts(for p: Profile, entries: [Entry]) -> [Verdict] {
        lock.lock()
        defer { lock.unlock() }
        if profile == p, cached.count == entries.count { return cached }
        cached = entries.map { EligibilityEngine.verdict($0, borough: p.borough, age: p.age, status: p.status) }
        profile = p
        return cached
    }

    /// The eligibility of entry `doc` of `content` for `p`, with its words.
    func eligibility(_ doc: Int, in content: Content, profile p: Profile) -> Eligibility {
        lock.lock()
        if wordsProfile != p || words.count >= VerdictCache.wordsKept {
            words.removeAll(keepingCapacity: true)
            wordsProfile = p
        }
        if let e = words[doc] {
            lock.unlock()
            return e
        }
        lock.unlock()
        let e = content.eligibility(of: content.entries[doc], profile: p)
        lock.lock()
        if wordsProfile == p { words[doc] = e }
        lock.unlock()
        return e
    }
}

extension SearchEngine {
    /// The weight search gives an entry for a known profile, for rankings outside a query (flow
    /// outcomes), so both rank by the same eligibility and the same named weight.
    static func profileFactor(_ e: Entry, _ p: Profile) -> Double {
        RankingWeights.profile(EligibilityEngine.verdict(e, borough: p.borough, age: p.age, status: p.status))
    }
}

/// Per-document buffers that one search fills and the next reuses, so a keystroke on a directory
/// of 100,000 services allocates and clears nothing sized by the directory: a search clears only
/// the documents it touched. A search takes the engine's buffers and gives them back; one that
/// finds them taken (another thread searching the same engine) makes its own, so an engine shared
/// between threads stays correct.
final class SearchScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var spare = SearchScratch()

    /// The buffers, moved out (never copied): taken twice at once, the second taker gets empty ones.
    func take(documents n: Int) -> SearchScratch {
        var s = SearchScratch()
        lock.lock()
        swap(&s, &spare)
        lock.unlock()
        s.size(n)
        return s
    }

    func give(_ s: inout SearchScratch) {
        s.clear()
        lock.lock()
        swap(&s, &spare)
        lock.unlock()
    }
}

/// One search's per-document state, a value the search holds as a local while it runs (so its
/// accesses are checked when compiled, not on every read as a class's would be).
struct SearchScratch {
    struct Flag {
        static let word: UInt8 = 1
        static let concept: UInt8 = 2
        static let hidden: UInt8 = 4
        static let candidate: UInt8 = 8
        static let named: UInt8 = 16
        static let namedAmongOthers: UInt8 = 32
    }
    var wordScore: [Double] = []
    var conceptScore: [Double] = []
    var flags: [UInt8] = []
    /// Documents with a word or concept score, each once, in the order first reached.
    var candidates: [Int32] = []
    /// Documents a filter left out, each once.
    var hidden: [Int32] = []

    mutating func size(_ n: Int) {
        guard flags.count != n else { return }
        wordScore = [Double](repeating: 0, count: n)
        conceptScore = [Double](repeating: 0, count: n)
        flags = [UInt8](repeating: 0, count: n)
        candidates = []
        hidden = []
    }

    mutating func clear() {
        for doc in candidates {
            let d = Int(doc)
            wordScore[d] = 0
            conceptScore[d] = 0
            flags[d] = 0
        }
        for doc in hidden { flags[Int(doc)] = 0 }
        candidates.removeAll(keepingCapacity: true)
        hidden.removeAll(keepingCapacity: true)
    }

    /// Whether a document has a score yet (it is then counted, ranked and cleared once).
    @inline(__always) func isCandidate(_ d: Int) -> Bool { flags[d] & Flag.candidate != 0 }

    @inline(__always) mutating func addCandidate(_ d: Int) {
        if flags[d] & Flag.candidate == 0 {
            flags[d] |= Flag.candidate
            candidates.append(Int32(d))
        }
    }

    @inline(__always) mutating func hide(_ d: Int) {
        if flags[d] & Flag.hidden == 0 {
            flags[d] |= Flag.hidden
            hidden.append(Int32(d))
        }
    }
}
