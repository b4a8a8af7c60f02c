import Foundation

/// One document as the index sees it: text by field, weighted title › parent words › summary › body.
public struct SearchDocument: Sendable {
    public var title: String
    public var words: String
    public var summary: String
    public var body: String
    public var ages: ClosedRange<Int>
    /// Phrases that name this document outright (its parent words): typing one exactly ranks it high.
    var phrases: [String]
    /// Below 1 for documents that explain rather than provide (guides), so a service named ranks first.
    public var weight: Double
    public init(title: String, words: String, summary: String, body: String, ages: ClosedRange<Int> = 0...25,
                phrases: [String] = [], weight: Double = 1) {
        self.phrases = phrases
        self.weight = weight
        self.title = title
        self.words = words
        self.summary = summary
        self.body = body
        self.ages = ages
    }
    var fields: [String] { [title, words, summary, body] }
}

/// An in-memory inverted index with BM25F scores precomputed per posting, a sorted word list for
/// as-you-type prefixes, bounded typo matching, and phrase synonyms from the glossary.
public struct SearchIndex: Sendable, Codable {
    public struct Hit: Sendable, Hashable {
        var doc: Int
        public var score: Double
    }

    public struct Options: Sendable {
        var k1: Float = RankingWeights.k1
        public var b: Float = RankingWeights.b
        var fieldWeights: [Float] = RankingWeights.fieldWeights
        public init() {}
    }

    /// The id of a stem, adding it (with an empty posting list) the first time it is seen.
    static func intern(_ stem: String, ids: inout [String: Int32], terms: inout [String], raw: inout [[RawPosting]]) -> Int32 {
        if let existing = ids[stem] { return existing }
        let t = Int32(terms.count)
        ids[stem] = t
        terms.append(stem)
        raw.append([])
        return t
    }

    /// One slice of the documents, tokenized on its own core.
    struct IndexPart: @unchecked Sendable {
        var builder: IndexBuilder
        var titleBytes: [UInt8] = []
        var titleEnds: [Int] = []
        var phraseHashes: [Int] = []
        var phraseEnds: [Int] = []
    }

    /// The build's mutable state in one value, so the per-token path has no closures or boxes.
    struct IndexBuilder {
        var termIds: [String: Int32] = [:]
        var terms: [String] = []
        var raw: [[RawPosting]] = []
        var lastDoc: [Int32] = []
        var fieldLengths = [[UInt16]](repeating: [], count: 4)
        var table = ByteTable()
        var surfaceTermIds: [Int32] = []
        var surfaceIsStop: [Bool] = []

        init(expectedDocuments: Int) {
            for f in 0..<4 { fieldLengths[f].reserveCapacity(expectedDocuments) }
        }

        mutating func resolve(_ id: Int32) {
            // Each distinct written word is stemmed once; after that a token costs one probe.
            let surface = Normalizer.negated(table.string(Int(id)))
            let t = SearchIndex.intern(Stemmer.stem(surface), ids: &termIds, terms: &terms, raw: &raw)
            if Int(t) == lastDoc.count { lastDoc.append(-1) }
            surfaceTermIds.append(t)
            surfaceIsStop.append(Normalizer.stopWords.contains(surface))
        }

        mutating func token(_ bytes: UnsafeBufferPointer<UInt8>, field: Int, doc: Int32, length: inout UInt16) {
            let (sid, isNew) = table.intern(bytes)
            if isNew { resolve(sid) }
            if field != 0 && surfaceIsStop[Int(sid)] { return }
            length &+= 1
            let t = Int(surfaceTermIds[Int(sid)])
            if lastDoc[t] != doc {
                lastDoc[t] = doc
                raw[t].append(RawPosting(doc: doc))
            }
            raw[t].withUnsafeMutableBufferPointer { list in
                let last = list.count - 1
                switch field {
                case 0: if list[last].tf0 < 255 { list[last].tf0 += 1 }
                case 1: if list[last].tf1 < 255 { list[last].tf1 += 1 }
                case 2: if list[last].tf2 < 255 { list[last].tf2 += 1 }
                default: if list[last].tf3 < 255 { list[last].tf3 += 1 }
                }
            }
        }

        mutating func add(_ text: String, field: Int, doc: Int32) {
            var length: UInt16 = 0
            var text = text
            text.withUTF8 { addBytes($0, field: field, doc: doc, length: &length) }
            fieldLengths[field].append(length)
        }

        mutating func addBytes(_ src: UnsafeBufferPointer<UInt8>, field: Int, doc: Int32, length: inout UInt16) {
            var tokens = Tokens(src)
            while let range = tokens.next() {
                if let word = tokens.unicodeWord {
                    for t in Normalizer.tokens(word) {
                        var t = t
                        t.withUTF8 { token($0, field: field, doc: doc, length: &length) }
                    }
                    continue
                }
                tokens.buffer.withUnsafeBufferPointer { token(UnsafeBufferPointer(rebasing: $0[range]), field: field, doc: doc, length: &length) }
            }
        }
    }

    /// 8 bytes a posting while building: term counts per field saturate at 255, far past where BM25 stops caring.
    struct RawPosting {
        var doc: Int32
        var tf0: UInt8 = 0
        var tf1: UInt8 = 0
        var tf2: UInt8 = 0
        var tf3: UInt8 = 0
    }

    struct Posting: Sendable {
        var doc: Int32
        var score: Float
    }

    let terms: [String]
    let postings: [[Posting]]
    let idf: [Float]
    let surfaces: [String]          // sorted folded words as written
    let surfaceTerm: [Int32]
    let surfaceToTerm: [String: Int32]
    let termIndex: [String: Int32]
    /// Written words by length, with letter masks: typos are measured on what people write, not
    /// on stems (a stem such as "anu" for "annual" would meet "an").
    let surfacesByLength: [[Int32]]
    let surfaceMasks: [UInt32]
    /// Folded titles and the hashes of each document's naming phrases, flat: two arrays for the
    /// whole directory rather than two small allocations per document.
    let titleBytes: [UInt8]
    let titleStart: [Int32]
    let phraseHashes: [Int]
    let phraseStart: [Int32]
    let ages: [ClosedRange<Int>]
    let weights: [Double]
    /// Phrase (term ids) → other phrases that mean the same (glossary aliases).
    let synonymKeys: [[String]: Int]
    /// Per key, the term ids of the phrases that mean the same (may repeat; made unique when used).
    let synonymAlternatives: [[[Int32]]]
    let maxPhrase: Int
    var documentCount: Int { titleStart.count - 1 }

    func title(_ d: Int) -> ArraySlice<UInt8> { titleBytes[Int(titleStart[d])..<Int(titleStart[d + 1])] }
    /// The most content words of any of a document's naming phrases found among `hashes`
    /// (hash → its content words), or nil when none is. `filter` holds the same hashes.
    func namedWords(_ d: Int, _ hashes: [Int: Int], _ filter: NameFilter) -> Int? {
        var best: Int?
        for h in phraseHashes[Int(phraseStart[d])..<Int(phraseStart[d + 1])] where filter.mayHold(h) {
            if let n = hashes[h], n > (best ?? 0) { best = n }
        }
        return best
    }

    /// One bit per hash of the names a query says: nearly every naming phrase of nearly every
    /// candidate is not said, and a bit test rules it out before a dictionary lookup would.
    struct NameFilter {
        private var bits = [UInt64](repeating: 0, count: 16)
        init(_ hashes: [Int: Int]) {
            for h in hashes.keys {
                let b = NameFilter.bit(h)
                bits[b >> 6] |= 1 << UInt64(b & 63)
            }
        }
        @inline(__always) static func bit(_ h: Int) -> Int { Int(truncatingIfNeeded: UInt(bitPattern: h) & 1023) }
        @inline(__always) func mayHold(_ h: Int) -> Bool {
            let b = NameFilter.bit(h)
            return bits[b >> 6] & (1 << UInt64(b & 63)) != 0
        }
    }
    func hasPhrase(_ d: Int, _ hash: Int) -> Bool {
        phraseHashes[Int(phraseStart[d])..<Int(phraseStart[d + 1])].contains(hash)
    }

    /// `expandsInto` says which synonym phrases a query may be widened into; the others only lead
    /// to the rest of their group (an acronym that is also a common word, "ADD", or an old name).
    public init(documents: [SearchDocument], synonymGroups: [[String]] = [], expandsInto: ((String) -> Bool)? = nil,
                options: Options = Options()) {
        // Tokenizing is most of the build: each core takes a slice of the documents with its own
        // word table, and the slices are merged in document order.
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, documents.count / 2_000, 8))
        let bounds = (0...chunks).map { documents.count * $0 / chunks }
        var parts = parallelMap(Array(0..<chunks), { c -> IndexPart in
            var part = IndexPart(builder: IndexBuilder(expectedDocuments: bounds[c + 1] - bounds[c]))
            for d in bounds[c]..<bounds[c + 1] {
                let doc = documents[d]
                part.builder.add(doc.title, field: 0, doc: Int32(d))
                part.builder.add(doc.words, field: 1, doc: Int32(d))
                part.builder.add(doc.summary, field: 2, doc: Int32(d))
                part.builder.add(doc.body, field: 3, doc: Int32(d))
                part.titleBytes.append(contentsOf: Normalizer.fold(doc.title).utf8)
                part.titleEnds.append(part.titleBytes.count)
                for phrase in doc.phrases { part.phraseHashes.append(PhraseHash.of(Normalizer.fold(phrase))) }
                part.phraseEnds.append(part.phraseHashes.count)
            }
            return part
        }, minimum: 2)

        var termIds: [String: Int32] = [:]
        var terms: [String] = []
        var raw: [[RawPosting]] = []
        var fieldLengths = [[UInt16]](repeating: [], count: 4)
        var surfaceMap: [String: Int32] = [:]
        var titleBytes: [UInt8] = []
        var titleStart: [Int32] = [0]
        var phraseHashes: [Int] = []
        var phraseStart: [Int32] = [0]
        for i in parts.indices {
            // Each slice is released as it is merged, so the build never holds two copies.
            let part = parts[i]
            parts[i] = IndexPart(builder: IndexBuilder(expectedDocuments: 0))
            var b = part.builder
            var local: [Int32] = []
            local.reserveCapacity(b.terms.count)
            for (t, stem) in b.terms.enumerated() {
                let g = SearchIndex.intern(stem, ids: &termIds, terms: &terms, raw: &raw)
                local.append(g)
                if raw[Int(g)].isEmpty { swap(&raw[Int(g)], &b.raw[t]) } else { raw[Int(g)] += b.raw[t] }
                b.raw[t] = []
            }
            for f in 0..<4 { fieldLengths[f] += b.fieldLengths[f] }
            for id in 0..<b.table.count { surfaceMap[b.table.string(id)] = local[Int(b.surfaceTermIds[id])] }
            let titleBase = Int32(titleBytes.count)
            titleBytes += part.titleBytes
            titleStart += part.titleEnds.map { titleBase + Int32($0) }
            let phraseBase = Int32(phraseHashes.count)
            phraseHashes += part.phraseHashes
            phraseStart += part.phraseEnds.map { phraseBase + Int32($0) }
        }

        let n = Float(max(documents.count, 1))
        let avg: [Float] = (0..<4).map { f in
            max(1, Float(fieldLengths[f].reduce(0) { $0 + Int($1) }) / n)
        }
        let w = options.fieldWeights
        var postings: [[Posting]] = []
        postings.reserveCapacity(terms.count)
        var idf: [Float] = []
        idf.reserveCapacity(terms.count)
        for t in 0..<terms.count {
            let df = Float(raw[t].count)
            let termIdf = log(1 + (n - df + 0.5) / (df + 0.5))
            idf.append(termIdf)
            var list: [Posting] = []
            list.reserveCapacity(raw[t].count)
            for p in raw[t] {
                let d = Int(p.doc)
                func norm(_ f: Int) -> Float { 1 - options.b + options.b * Float(fieldLengths[f][d]) / avg[f] }
                var tfw: Float = 0
                if p.tf0 > 0 { tfw += w[0] * Float(p.tf0) / norm(0) }
                if p.tf1 > 0 { tfw += w[1] * Float(p.tf1) / norm(1) }
                if p.tf2 > 0 { tfw += w[2] * Float(p.tf2) / norm(2) }
                if p.tf3 > 0 { tfw += w[3] * Float(p.tf3) / norm(3) }
                list.append(Posting(doc: p.doc, score: termIdf * tfw * (options.k1 + 1) / (tfw + options.k1)))
            }
            postings.append(list)
            raw[t] = []
        }

        let sortedSurfaces = surfaceMap.keys.sorted()
        self.surfaces = sortedSurfaces
        self.surfaceTerm = sortedSurfaces.map { surfaceMap[$0] ?? 0 }
        self.surfaceToTerm = surfaceMap
        self.terms = terms
        self.termIndex = termIds
        var surfacesByLength: [[Int32]] = []
        var surfaceMasks: [UInt32] = []
        surfaceMasks.reserveCapacity(sortedSurfaces.count)
        for (i, s) in sortedSurfaces.enumerated() {
            let n = s.unicodeScalars.count
            while surfacesByLength.count <= n { surfacesByLength.append([]) }
            surfacesByLength[n].append(Int32(i))
            surfaceMasks.append(SearchIndex.mask(s))
        }
        self.surfacesByLength = surfacesByLength
        self.surfaceMasks = surfaceMasks
        self.postings = postings
        self.idf = idf
        self.titleBytes = titleBytes
        self.titleStart = titleStart
        self.phraseHashes = phraseHashes
        self.phraseStart = phraseStart
        self.ages = documents.map(\.ages)
        self.weights = documents.map(\.weight)

        // Keys are stems, so a word the content never uses ("salt") still finds its meaning.
        // Each distinct phrase gets a number; pairs are collected by number and made unique once at
        // the end (hashing arrays of words for every pair of every group was most of the build).
        var keyNumber: [[String]: Int] = [:]
        var keyStems: [[String]] = []
        var alternatives: [[[Int32]]] = []
        var stemsOf: [String: [String]] = [:]
        for group in synonymGroups {
            var members: [(key: Int, ids: [Int32]?)] = []
            for phrase in group {
                let stems: [String]
                if let cached = stemsOf[phrase] { stems = cached } else {
                    // Words the documents use already have their stem: look it up rather than stem again.
                    stems = Normalizer.queryTokens(phrase).map { w in surfaceMap[w].map { terms[Int($0)] } ?? Stemmer.stem(w) }
                    stemsOf[phrase] = stems
                }
                guard !stems.isEmpty else { continue }
                // An alias of several words that is one word once grammar words go ("Getting Help")
                // is no key: it would fire on one everyday word ("getting").
                if stems.count == 1, Normalizer.tokens(phrase).count > 1 { continue }
                let k: Int
                if let existing = keyNumber[stems] { k = existing } else {
                    k = keyStems.count
                    keyNumber[stems] = k
                    keyStems.append(stems)
                    alternatives.append([])
                }
                if members.contains(where: { $0.key == k }) { continue }
                let ids = stems.compactMap { termIds[$0] }
                let target = expandsInto?(phrase) ?? true
                members.append((k, ids.count == stems.count && target ? ids : nil))
            }
            for m in members {
                for o in members where o.key != m.key {
                    if let ids = o.ids { alternatives[m.key].append(ids) }
                }
            }
        }
        self.synonymKeys = keyNumber
        self.synonymAlternatives = alternatives
        let longest = keyStems.indices.filter { !alternatives[$0].isEmpty }.map { keyStems[$0].count }.max() ?? 1
        self.maxPhrase = min(longest, 5)
    }

    static func mask(_ s: String) -> UInt32 {
        var m: UInt32 = 0
        for u in s.unicodeScalars {
            let v = u.value
            if v >= 97 && v <= 122 { m |= 1 << (v - 97) } else { m |= 1 << 26 }
        }
        return m
    }

    // MARK: Query

    /// One word of the query and the index terms that may stand for it.
    /// How a query word reached an index term: `search --explain` shows it.
    public enum MatchKind: Sendable, Hashable, CustomStringConvertible {
        case exact, prefix, typo, synonym, soundsLike
        public var description: String {
            switch self {
            case .exact: return "word"
            case .prefix: return "prefix"
            case .typo: return "typo"
            case .soundsLike: return "sounds like"
            case .synonym: return "synonym"
            }
        }
    }
    struct Alternative {
        var terms: [Int32]
        var weight: Float
        var kind: MatchKind = .exact
    }
    struct Group {
        var alternatives: [Alternative]
        var importance: Float
        var word: String = ""
    }

    public struct Plan: Sendable {
        public var words: [String]
        var ageHint: Int?
        public var unknownWords: [String]
        /// Typed word → the written word its typo was read as ("portige" → "portage").
        public var corrections: [String: String] = [:]
    }

    /// The distinct phrases that mean the same as `key`, or nil.
    func synonyms(of key: [String]) -> [[Int32]]? {
        guard let k = synonymKeys[key], !synonymAlternatives[k].isEmpty else { return nil }
        var out: [[Int32]] = []
        for ids in synonymAlternatives[k] where !out.contains(ids) { out.append(ids) }
        return out
    }

    func termId(_ surface: String) -> Int32? {
        if let t = surfaceToTerm[surface] { return t }
        return termIndex[Stemmer.stem(surface)]
    }
}
