import Foundation
import Yams

/// Loads a content folder. Problems are collected, not thrown: `check` wants all of them at once,
/// and the other commands refuse to run on content with errors.
public enum ContentLoader {
    public struct Result: Sendable {
        public var content: Content
        public var diagnostics: [Diagnostic]
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
        public var isValid: Bool { errors.isEmpty }
    }

    /// `warnings: false` skips checks that can only warn (the commands that just read content).
    /// `maxAgeDays`: warn about entries reviewed longer ago than this (default: 12 months).
    /// `includeDrafts`: keep entries marked `draft: true` (editors, `check`); every other reader leaves them out.
    public static func load(from root: URL, today: Date = Date(), warnings: Bool = true, maxAgeDays: Int? = nil,
                            limits: ContentLimits = .standard, includeDrafts: Bool = false) -> Result {
        let sink = DiagnosticSink()
        var refs = ReferenceLog()
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            sink.error(SourceLocation(file: root.path), "content folder not found")
            return Result(content: Content(entries: [], root: root), diagnostics: sink.sorted)
        }

        // Every file is independent: entries one job each, and the rest (glossary, flows, tables) one
        // more job started first, all on every core; results are merged in file order.
        var jobs: [LoadJob] = [.rest, .concepts]
        for (folder, kind) in [("services", EntryKind.service), ("guides", EntryKind.guide)] {
            jobs += yamlFiles(in: root.appendingPathComponent(folder), relativeTo: folder, sink: sink).map { .entry($0.0, $0.1, kind) }
        }
        var flowFiles = yamlFiles(in: root.appendingPathComponent("flows"), relativeTo: "flows", sink: sink)
        var glossaryFiles = yamlFiles(in: root.appendingPathComponent("glossary"), relativeTo: "glossary", sink: sink)
        // Bounded: a folder of a million files is refused, not read.
        let total = jobs.count - 1 + flowFiles.count + glossaryFiles.count
        if total > limits.files {
            sink.error(SourceLocation(file: root.path), "the content folder holds \(total) YAML files; the limit is \(limits.files)")
            jobs = [.rest, .concepts]
            flowFiles = []
            glossaryFiles = []
        }
        let flowList = flowFiles, glossaryList = glossaryFiles
        var entries: [Entry] = []
        var rest = RestResult()
        var concepts: [Concept] = []
        for r in parallelMap(jobs, { job -> JobResult in
            let s = DiagnosticSink()
            var r = ReferenceLog()
            switch job {
            case .entry(let url, let rel, let kind):
                let entry = YAMLFile.read(url: url, relativePath: rel, sink: s, limits: limits).flatMap { EntryDecoder.decode($0, kind: kind, sink: s, refs: &r) }
                return JobResult(entry: entry, rest: nil, diagnostics: s.diagnostics, refs: r)
            case .rest:
                var rest = RestResult()
                rest.vocabulary = loadVocabulary(root: root, sink: s, refs: &r, limits: limits)
                rest.glossary = loadGlossary(root: root, files: glossaryList, sink: s, refs: &r, limits: limits)
                rest.postcodes = loadPostcodes(root: root, sink: s, limits: limits)
                rest.coverage = loadCoverage(root: root, sink: s, refs: &r, limits: limits)
                for (url, rel) in flowList {
                    guard let file = YAMLFile.read(url: url, relativePath: rel, sink: s, limits: limits) else { continue }
                    if let f = FlowDecoder.decode(file, sink: s, refs: &r) { rest.flows.append(f) }
                }
                return JobResult(entry: nil, rest: rest, diagnostics: s.diagnostics, refs: r)
            case .concepts:
                var rest = RestResult()
                rest.concepts = ConceptDecoder.decode(root: root, sink: s, refs: &r, limits: limits)
                return JobResult(entry: nil, rest: rest, diagnostics: s.diagnostics, refs: r)
            }
        }, minimum: 2) {
            if let e = r.entry { entries.append(e) }
            if let x = r.rest {
                if let c = x.concepts { concepts = c } else { rest = x }
            }
            sink.append(r.diagnostics)
            refs.merge(r.refs)
        }
        let vocabulary = rest.vocabulary
        let glossary = rest.glossary, postcodes = rest.postcodes, coverage = rest.coverage, flows = rest.flows

        let make = { (entries: [Entry]) in
            Content(entries: ContactResolver.resolved(entries), glossary: glossary, categories: vocabulary?.categories ?? [],
                    routes: vocabulary?.routes ?? [], postcodes: postcodes, coverage: coverage,
                    flows: flows, talkTo: vocabulary?.talkTo ?? [],
                    crossBorough: vocabulary?.crossBorough ?? [], concepts: concepts,
                    intents: vocabulary?.intents ?? [], nounForms: vocabulary?.nounForms ?? [:], root: root)
        }
        let content = make(entries)
        if !entries.contains(where: { $0.kind == .service }) && !sink.diagnostics.contains(where: { $0.severity == .error && $0.location.file.hasPrefix("services/") }) {
            // An empty or wrong folder must not "check" clean: a kiosk would adopt it.
            sink.error(SourceLocation(file: "services"),
                       "no services found in \(root.appendingPathComponent("services").path): a content folder holds services/<id>.yaml files (is this the right folder?)")
        }
        ContentValidator.validate(content, vocabularyPresent: vocabulary != nil, refs: refs, today: today, warnings: warnings,
                                  maxAgeDays: maxAgeDays, sink: sink)
        // The one draft filter: drafts are validated above with everything else, then left out of what
        // families see (search, list, flows, the navigator, the export) unless an editor asks for them.
        if !includeDrafts && entries.contains(where: \.draft) {
            return Result(content: make(entries.filter { !$0.draft }), diagnostics: sink.sorted)
        }
        return Result(content: content, diagnostics: sink.sorted)
    }

    /// The YAML files of one folder. A missing folder is fine (each is optional); one that exists
    /// but cannot be listed is an error, never silently skipped.
    static func yamlFiles(in dir: URL, relativeTo prefix: String, sink: DiagnosticSink) -> [(URL, String)] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir.path, isDirectory: &isDir) else {
            if (try? fm.attributesOfItem(atPath: dir.path)) != nil {
                sink.error(SourceLocation(file: prefix), "'\(prefix)' is a link to nothing: its files are not checked")
            }
            return []
        }
        guard isDir.boolValue else {
            sink.error(SourceLocation(file: prefix), "'\(prefix)' should be a folder, but it is a file")
            return []
        }
        guard access(dir.path, R_OK | X_OK) == 0, let names = try? fm.contentsOfDirectory(atPath: dir.path) else {
            sink.error(SourceLocation(file: prefix), "cannot read the folder '\(prefix)': its files are not checked (check its permissions)")
            return []
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .filter { !$0.hasPrefix(".") }
            .sorted()
            .map { (dir.appendingPathComponent($0), "\(prefix)/\($0)") }
    }

    static func topLevel(_ name: String, root: URL, sink: DiagnosticSink, limits: ContentLimits) -> YMap? {
        let url = root.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path),
              let file = YAMLFile.read(url: url, relativePath: name, sink: sink, limits: limits) else { return nil }
        return YMap(file.root, file: name, sink: sink, context: "")
    }

    struct Vocabulary {
        var categories: [LabelledValue]
        var routes: [LabelledValue]
        var talkTo: [String]
        var crossBorough: [LabelledValue]
        var intents: [Intent]
        var nounForms: [String: String]
    }

    static func loadVocabulary(root: URL, sink: DiagnosticSink, refs: inout ReferenceLog, limits: ContentLimits) -> Vocabulary? {
        guard let map = topLevel("vocabulary.yaml", root: root, sink: sink, limits: limits) else { return nil }
        func values(_ key: String, required: Bool = true) -> [LabelledValue] {
            (map.list(key, required: required) ?? []).compactMap { node in
                guard let m = YMap(node, file: map.file, sink: sink, context: key),
                      let id = m.string("id", required: true), let label = m.string("label", required: true) else { return nil }
                return LabelledValue(id: id, label: label)
            }
        }
        let talkTo = map.located("talk_to")
        for (id, loc) in talkTo { refs.add(id, loc, "talk_to") }
        return Vocabulary(categories: values("categories"), routes: values("routes"), talkTo: talkTo.map(\.0),
                          crossBorough: values("cross_borough", required: false),
                          intents: ConceptDecoder.decodeIntents(map, sink: sink, refs: &refs),
                          nounForms: VocabularyDecoder.nounForms(map, sink: sink))
    }

    static func loadGlossary(root: URL, files: [(URL, String)], sink: DiagnosticSink, refs: inout ReferenceLog,
                             limits: ContentLimits) -> [GlossaryTerm] {
        var maps: [YMap] = []
        if let m = topLevel("glossary.yaml", root: root, sink: sink, limits: limits) { maps.append(m) }
        for (url, rel) in files {
            if let file = YAMLFile.read(url: url, relativePath: rel, sink: sink, limits: limits),
               let m = YMap(file.root, file: rel, sink: sink, context: "") { maps.append(m) }
        }
        var terms: [GlossaryTerm] = []
        for map in maps {
            for node in map.list("terms", required: true) ?? [] {
                guard let m = YMap(node, file: map.file, sink: sink, context: "terms") else { continue }
                m.warnUnknownKeys(["term", "meaning", "aliases", "see"])
                guard let term = m.string("term", required: true), let meaning = m.string("meaning", required: true) else { continue }
                let see = m.located("see")
                for (id, loc) in see { refs.add(id, loc, "glossary 'see'") }
                terms.append(GlossaryTerm(term: term, meaning: meaning, aliases: m.strings("aliases"),
                                          see: see.map(\.0), location: m.location))
            }
        }
        return terms
    }

    static func loadPostcodes(root: URL, sink: DiagnosticSink, limits: ContentLimits) -> [PostcodeDistrict] {
        guard let map = topLevel("postcodes.yaml", root: root, sink: sink, limits: limits) else { return [] }
        var out: [PostcodeDistrict] = []
        for node in map.list("districts", required: true) ?? [] {
            guard let m = YMap(node, file: map.file, sink: sink, context: "districts"),
                  let district = m.string("district", required: true) else { continue }
            let normalized = district.uppercased().replacingOccurrences(of: " ", with: "")
            if Postcodes.district(of: normalized) != normalized {
                sink.error(m.location, "'\(district)' is not a postcode district (like TW9 or KT1)")
            }
            var boroughs: [Borough] = []
            for (b, loc) in m.located("boroughs") {
                if let borough = Borough(rawValue: b) { boroughs.append(borough) } else {
                    sink.error(loc, "unknown borough '\(b)' (expected richmond or kingston)")
                }
            }
            if boroughs.isEmpty { sink.error(m.location, "district \(district) names none of our boroughs") }
            out.append(PostcodeDistrict(district: normalized, boroughs: boroughs, others: m.strings("others")))
        }
        return out
    }

    static func loadCoverage(root: URL, sink: DiagnosticSink, refs: inout ReferenceLog, limits: ContentLimits) -> [CoverageItem] {
        guard let map = topLevel("coverage.yaml", root: root, sink: sink, limits: limits) else { return [] }
        map.warnUnknownKeys(["source", "sources", "last_reviewed", "items"])
        if let node = map.value("last_reviewed"), let date = map.string("last_reviewed") {
            refs.dates.append((date, map.loc(node)))
        }
        var out: [CoverageItem] = []
        var seen = Set<String>()
        for node in map.list("items", required: true) ?? [] {
            guard let m = YMap(node, file: map.file, sink: sink, context: "items"),
                  let id = m.string("id", required: true) else { continue }
            m.warnUnknownKeys(["id", "text", "entries", "boroughs"])
            if !seen.insert(id).inserted { sink.error(m.location, "duplicate coverage item '\(id)'") }
            let entries = m.located("entries")
            for (e, loc) in entries { refs.add(e, loc, "coverage item '\(id)'") }
            var parts: [Borough: CoverageBorough] = [:]
            if let b = m.map("boroughs", required: true) {
                b.warnUnknownKeys(Set(Borough.allCases.map(\.rawValue)))
                for borough in Borough.allCases {
                    guard let pm = b.map(borough.rawValue, required: true) else { continue }
                    pm.warnUnknownKeys(["status", "entries", "missing", "held_by"])
                    let own = pm.located("entries")
                    for (e, loc) in own { refs.add(e, loc, "coverage item '\(id)' (\(borough.rawValue))") }
                    guard let text = pm.string("status", required: true) else { continue }
                    guard let status = CoverageStatus(rawValue: text) else {
                        sink.error(pm.loc(pm.value("status") ?? pm.node), "unknown coverage status '\(text)' (expected yes, partly or no)")
                        continue
                    }
                    let missing = pm.string("missing"), heldBy = pm.string("held_by")
                    if status != .yes && (missing == nil || heldBy == nil) {
                        sink.error(pm.location, "coverage item '\(id)' is '\(text)' in \(borough.name): say what is 'missing' and who holds it ('held_by')")
                    }
                    if status != .no && entries.isEmpty && own.isEmpty {
                        sink.error(pm.location, "coverage item '\(id)' is '\(text)' in \(borough.name) but names no entry that answers it")
                    }
                    parts[borough] = CoverageBorough(status: status, entries: own.map(\.0), missing: missing, heldBy: heldBy)
                }
            }
            out.append(CoverageItem(id: id, text: m.string("text", required: true) ?? "",
                                    entries: entries.map(\.0), boroughs: parts, location: m.location))
        }
        return out
    }
}

enum LoadJob {
    case entry(URL, String, EntryKind)
    case rest
    case concepts
}

struct RestResult {
    var vocabulary: ContentLoader.Vocabulary?
    var glossary: [GlossaryTerm] = []
    var postcodes: [PostcodeDistrict] = []
    var coverage: [CoverageItem] = []
    var flows: [Flow] = []
    var concepts: [Concept]?
}

struct JobResult: @unchecked Sendable {
    var entry: Entry?
    var rest: RestResult?
    var diagnostics: [Diagnostic]
    var refs: ReferenceLog
}

/// Runs `transform` over `items` on all cores, keeping the order. Each slot is written by one task.
func parallelMap<T, R>(_ items: [T], _ transform: @escaping (T) -> R, minimum: Int = 8) -> [R] {
    let n = items.count
    guard n >= minimum else { return items.map(transform) }
    let out = UnsafeMutablePointer<R?>.allocate(capacity: n)
    out.initialize(repeating: nil, count: n)
    defer {
        out.deinitialize(count: n)
        out.deallocate()
    }
    let box = UnsafeSendable(items: items, transform: transform, out: out)
    DispatchQueue.concurrentPerform(iterations: n) { i in
        box.out[i] = box.transform(box.items[i])
    }
    return (0..<n).compactMap { out[$0] }
}

private struct UnsafeSendable<T, R>: @unchecked Sendable {
    let items: [T]
    let transform: (T) -> R
    let out: UnsafeMutablePointer<R?>
}

/// Every id an entry, flow or map refers to, with where, checked once all content is read.
struct ReferenceLog {
    var items: [(id: String, location: SourceLocation, context: String)] = []
    mutating func add(_ id: String, _ location: SourceLocation, _ context: String) {
        items.append((id, location, context))
    }
    var categories: [(id: String, location: SourceLocation)] = []
    var routes: [(id: String, location: SourceLocation)] = []
    var crossBorough: [(id: String, location: SourceLocation)] = []
    var dates: [(date: String, location: SourceLocation)] = []

    mutating func merge(_ other: ReferenceLog) {
        items += other.items
        categories += other.categories
        routes += other.routes
        crossBorough += other.crossBorough
        dates += other.dates
    }
}
