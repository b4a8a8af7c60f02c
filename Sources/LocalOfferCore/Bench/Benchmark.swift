import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `localoffer bench`: a synthetic directory of N services made by varying the real content, queries
/// drawn from realistic phrasings, prefixes and typos, timed against a plain linear substring scan.
public enum Benchmark {
    public struct Report: Sendable {
        public var services: Int
        public var queries: Int
        public var indexBuildMs: Double
        public var queryP50Us: Double
        public var queryP99Us: Double
        public var scanP50Us: Double
        public var scanP99Us: Double
        var rssMB: Double
        /// The slowest queries, slowest first, for tuning.
        public var slowest: [(query: String, us: Double)] = []
        public var speedupP50: Double { queryP50Us > 0 ? scanP50Us / queryP50Us : 0 }
    }

    /// A small deterministic generator, so every run measures the same directory.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            var g = SplitMix64(state: state)
            defer { state = g.state }
            return g.next()
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    /// The shipped services copied under new ids until there are `count`: a directory of that size
    /// for the benchmark and the scale tests.
    public static func syntheticContent(from content: Content, count: Int) -> Content {
        let base = content.entries.filter { $0.kind == .service }
        guard !base.isEmpty else { return content }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for i in 0..<count {
            var e = base[i % base.count]
            e.id = "\(e.id)-\(i)"
            e.title = "\(e.title) \(i / base.count + 1)"
            e.related = []
            entries.append(e)
        }
        return Content(entries: entries, glossary: content.glossary, categories: content.categories, routes: content.routes,
                       postcodes: content.postcodes, coverage: [], flows: content.flows, root: content.root)
    }

    static func syntheticDocuments(from content: Content, count: Int, seed: UInt64 = 42) -> [SearchDocument] {
        let base = content.entries.map { SearchEngine.document(for: $0, in: content) }
        guard !base.isEmpty else { return [] }
        var rng = Rng(state: seed)
        let vocabulary = Array(Set(base.flatMap { Normalizer.tokens($0.body) }.filter { $0.count > 3 })).sorted()
        func shuffled(_ text: String, keep: Int) -> String {
            var words = text.split(separator: " ").map(String.init)
            for i in stride(from: words.count - 1, to: 0, by: -1) { words.swapAt(i, rng.below(i + 1)) }
            if !vocabulary.isEmpty {
                for _ in 0..<min(3, words.count) { words[rng.below(words.count)] = vocabulary[rng.below(vocabulary.count)] }
            }
            return words.prefix(keep).joined(separator: " ")
        }
        var docs: [SearchDocument] = []
        docs.reserveCapacity(count)
        for i in 0..<count {
            let b = base[i % base.count]
            let extra = vocabulary.isEmpty ? "" : " " + vocabulary[rng.below(vocabulary.count)].capitalized
            docs.append(SearchDocument(title: b.title + extra, words: shuffled(b.words, keep: 40),
                                       summary: shuffled(b.summary, keep: 40), body: shuffled(b.body, keep: 150),
                                       ages: b.ages))
        }
        return docs
    }

    public static func queries(from content: Content, count: Int = 200, seed: UInt64 = 7) -> [String] {
        var rng = Rng(state: seed)
        var phrasings = [
            "speech therapy", "salt", "ot", "respite", "short breaks overnight", "school transport", "schoool taxi",
            "ehcp", "statement", "autism assessment", "adhd support group", "my son doesnt talk yet who can help",
            "educational pyschologist", "assesment", "sendiass", "money for activities", "holiday club",
            "wheelchair", "mental health", "camhs", "portage", "travel training", "nurse at home", "tribunal",
            "mediation", "annual review", "post 16", "college", "2 year old", "nursery help", "special school",
            "unit", "social worker for disabled kids", "dyslexia", "physio", "sen support", "parent group",
        ]
        for e in content.entries {
            phrasings.append(e.title)
            phrasings += e.parentWords.prefix(2)
        }
        var out: [String] = []
        while out.count < count {
            var q = Normalizer.fold(phrasings[rng.below(phrasings.count)])
            switch rng.below(4) {
            case 0:  // as typed so far: a prefix of the last word
                if q.count > 4 { q = String(q.prefix(max(3, q.count - 1 - rng.below(q.count / 2)))) }
            case 1:  // a typo: two neighbouring letters swapped
                var chars = Array(q)
                if chars.count > 5 {
                    let i = 1 + rng.below(chars.count - 3)
                    if chars[i] != " " && chars[i + 1] != " " { chars.swapAt(i, i + 1) }
                }
                q = String(chars)
            default:
                break
            }
            if !q.isEmpty { out.append(q) }
        }
        return out
    }

    public static func run(content: Content, scale: Int, queryCount: Int = 200) -> Report {
        var docs = syntheticDocuments(from: content, count: scale)
        let synonyms = content.glossary.map { [$0.term] + $0.aliases }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let index = SearchIndex(documents: docs, synonymGroups: synonyms)
        let buildMs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        let qs = queries(from: content, count: queryCount)

        var times: [Double] = []
        var sink = 0
        for q in qs {
            let s = DispatchTime.now().uptimeNanoseconds
            let r = index.search(q, limit: 20)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - s) / 1e3)
            sink &+= r.total
        }

        // The baseline: every query word as a substring of every document's folded text.
        // Bytes, not Foundation's String search, so the baseline is a fair, tight loop.
        // Built while the documents are released, so the two are never all in memory at once.
        var haystacks: [[UInt8]] = []
        haystacks.reserveCapacity(docs.count)
        while let d = docs.popLast() {
            haystacks.append(Array(Normalizer.fold([d.title, d.words, d.summary, d.body].joined(separator: " ")).utf8))
        }
        haystacks.reverse()
        var scanTimes: [Double] = []
        for q in qs {
            let words = Normalizer.tokens(q).map { Array($0.utf8) }
            let s = DispatchTime.now().uptimeNanoseconds
            var hits: [Int] = []
            for (i, h) in haystacks.enumerated() where words.contains(where: { Bytes.contains(h, $0) }) { hits.append(i) }
            scanTimes.append(Double(DispatchTime.now().uptimeNanoseconds - s) / 1e3)
            sink &+= hits.count
        }
        _ = sink
        return Report(services: scale, queries: qs.count, indexBuildMs: buildMs,
                      queryP50Us: percentile(times, 0.5), queryP99Us: percentile(times, 0.99),
                      scanP50Us: percentile(scanTimes, 0.5), scanP99Us: percentile(scanTimes, 0.99),
                      rssMB: peakRSSMB(),
                      slowest: zip(qs, times).sorted { $0.1 > $1.1 }.prefix(5).map { ($0.0, $0.1) })
    }

    public static func percentile(_ xs: [Double], _ p: Double) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        let i = min(s.count - 1, Int((Double(s.count - 1) * p).rounded(.up)))
        return s[i]
    }

    /// Peak resident memory of the whole run so far, in megabytes: `getrusage`'s ru_maxrss, which
    /// nothing resets (so it stays the whole run's peak after `PhasePeak` resets VmHWM).
    public static func runPeakRSSMB() -> Double {
        var u = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &u) == 0 else { return peakRSSMB() }
        return (Double(u.ru_maxrss) / 1024 * 10).rounded() / 10
    }

    /// Each phase's own peak: VmHWM is reset (writing 5 to /proc/self/clear_refs) when a phase
    /// starts and read when it ends. Where the reset is not allowed, each figure is the peak of
    /// the run up to the end of that phase, and `ownPeaks` says so.
    /// What the export phase of `bench` did: the feed made from N services, as `export --oruk`.
    public struct ExportRun: Sendable {
        public var ms: Double
        public var services: Int
        public var files: Int
        public var bytes: Int
    }

    /// The whole feed made the way `export --oruk` makes it, each file's bytes counted and let go: no
    /// disk, so the figure is the export's own time and memory, not the file system's.
    public static func export(content: Content) throws -> ExportRun {
        var sink = CountingFeed()
        let t0 = DispatchTime.now().uptimeNanoseconds
        let summary = try ORUKExport.export(content, to: &sink)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        return ExportRun(ms: ms, services: summary.services, files: sink.files, bytes: sink.bytes)
    }

    /// A feed sink that keeps nothing: how many files, how many bytes.
    struct CountingFeed: FeedSink {
        var files = 0, bytes = 0
        mutating func put(_ path: String, _ b: [UInt8]) throws { files += 1; bytes += b.count }
        mutating func begin(_ path: String) throws { files += 1 }
        mutating func append(_ b: [UInt8]) throws { bytes += b.count }
        mutating func end() throws {}
    }

    public struct PhasePeaks: Sendable {
        public private(set) var phases: [(name: String, mb: Double)] = []
        /// Whether every reset worked, so each figure is its phase's own.
        public private(set) var ownPeaks = true

        public init() {}

        public mutating func start() {
            if !Benchmark.resetPeakRSS() { ownPeaks = false }
        }
        public mutating func end(_ name: String) {
            phases.append((name, Benchmark.peakRSSMB()))
        }
        /// Runs one phase between a reset and a reading.
        public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            start()
            defer { end(name) }
            return try body()
        }
    }

    /// Resets VmHWM to the current RSS; false where /proc/self/clear_refs cannot be written.
    static func resetPeakRSS() -> Bool {
        let fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var five = UInt8(ascii: "5")
        return write(fd, &five, 1) == 1
    }

    /// Peak resident memory (VmHWM) in megabytes, from /proc on Linux.
    static func peakRSSMB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return (kb / 1024 * 10).rounded() / 10
        }
        return 0
    }
}
