import Foundation

/// `localoffer import --oruk FILE --into DIR`: a council's directory (ORUK 3.0 `/services` page or one
/// service, or the ORUK 1.0 page `content`/`totalElements`) turned into draft entries in the content
/// schema. What the directory does not say (who can use it, borough differences) becomes `check`
/// with a reason, never a guess.
public enum ORUKImport {
    static let maxFeedBytes = Limits.feedBytes
    static let maxDepth = JSONReader.maxDepth
    static let maxTitle = 200
    static let maxText = 20_000
    static let notStated = "Not stated in the council's directory: ask the service or SENDIASS."

    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public enum Severity: String, Sendable { case error, warning }
        public var file: String
        /// JSON path of the record or field, `contents[3].email`; empty for the whole feed.
        public var path: String
        public var severity: Severity
        public var message: String
        public var description: String {
            "\(file): " + (path.isEmpty ? "" : "\(path): ") + "\(severity.rawValue): \(message)"
        }
    }

    /// One draft entry, ready to write to `services/<id>.yaml`.
    public struct Draft: Sendable {
        public var id: String
        var orukId: String
        public var title: String
        public var ages: ClosedRange<Int>
        public var yaml: String
        /// Where it came from in the feed, for messages.
        public var path: String
    }

    public struct Options: Sendable {
        /// How the feed is named in messages and in `sources` (a path or the feed's web address).
        public var label: String
        /// The feed's web address, when it has one: kept in `sources`.
        public var feedURL: String?
        public var category: String
        public var today: Date
        /// Import records whose data places them elsewhere (offered in neither borough) instead of skipping them.
        public var keepOutOfArea = false
        /// Postcode districts of the two boroughs (`content/postcodes.yaml`); read from the content folder when empty.
        public var postcodes: [PostcodeDistrict] = []
        public init(label: String, feedURL: String? = nil, category: String = "directory", today: Date = Date(), keepOutOfArea: Bool = false) {
            self.keepOutOfArea = keepOutOfArea
            self.label = label
            self.feedURL = feedURL
            self.category = category
            self.today = today
        }
    }

    public struct Report: Sendable {
        public var problems: [Problem] = []
        public var imported = 0
        public var refused = 0
        public var skipped = 0
        /// Records placed elsewhere and left out (not with --keep-out-of-area).
        public var outOfArea = 0
        /// Records that are this Local Offer's own export, already here.
        public var ours = 0
        /// The feed as a whole could not be read: nothing was imported.
        public var failed = false
        public var errors: [Problem] { problems.filter { $0.severity == .error } }
        /// Exit 1 when anything was refused or the feed was unreadable.
        public var ok: Bool { !failed && refused == 0 }
    }

    /// Converts every record; each valid one goes to `emit` as soon as it is made (so 100,000 services
    /// never sit in memory as text at once). Invalid records are reported with their path and skipped.
    /// Work is bounded: the records of one feed, and per record its own size (see `Limits`).
    public static func convert(_ json: JSONValue, options: Options, existing: Existing,
                               emit: (Draft) throws -> Void) rethrows -> Report {
        guard let (records, pageNote) = records(json).map({ ($0.records, $0.pageNote) }) else {
            var report = Report()
            report.failed = true
            report.problems.append(Problem(file: options.label, path: "", severity: .error, message: notAFeed))
            return report
        }
        var report = try convert(records: records, options: options, existing: existing, emit: emit)
        if let pageNote, !report.failed { report.problems.insert(Problem(file: options.label, path: "", severity: .warning, message: pageNote), at: 0) }
        return report
    }

    static let notAFeed = "not an ORUK services page or service: no 'contents' (3.0), 'content' (1.0) or service 'name'"

    /// The records of one feed, each with its JSON path (from one page, or every page of a feed's address).
    public static func convert(records: [(String, JSONValue)], options: Options, existing: Existing,
                               emit: (Draft) throws -> Void) rethrows -> Report {
        var report = Report()
        func note(_ path: String, _ severity: Problem.Severity, _ m: String) {
            report.problems.append(Problem(file: options.label, path: path.isEmpty ? "$" : path, severity: severity, message: m))
        }
        if records.count > Limits.records {
            report.failed = true
            report.problems.append(Problem(file: options.label, path: "", severity: .error,
                                           message: "the feed holds \(records.count) records; the most read from one feed is \(Limits.records): split it into pages"))
            return report
        }

        // The last record of each id is the one imported (as a later page replaces an earlier one),
        // decided before anything is written, so each file is written once.
        var last: [String: Int] = [:]
        for (i, (_, r)) in records.enumerated() {
            if let key = rawId(r) { last[key] = i }
        }
        var ids = IdAllocator(existing: existing)
        var duplicates = 0
        var ours = 0
        for (i, (path, record)) in records.enumerated() {
            var problems: [Problem] = []
            let sink = ServiceFields.Sink(
                err: { field, m in problems.append(Problem(file: options.label, path: [path, field].filter { !$0.isEmpty }.joined(separator: "."), severity: .error, message: m)) },
                warn: { field, m in problems.append(Problem(file: options.label, path: [path, field].filter { !$0.isEmpty }.joined(separator: "."), severity: .warning, message: m)) })
            guard record.isObject else {
                note(path, .error, "not a service object")
                report.refused += 1
                continue
            }
            // Our own export coming back: the entry is already here, as the editors left it.
            if let key = rawId(record), existing.ours[key] != nil {
                ours += 1
                continue
            }
            let fields = ServiceFields.read(record, sink: sink, today: options.today, postcodes: options.postcodes)
            report.problems += problems
            guard let fields, !problems.contains(where: { $0.severity == .error }) else {
                report.refused += 1
                continue
            }
            // Checked like every record (its errors are the feed's to fix), but only the last of an id is written.
            if let key = rawId(record), let at = last[key], at != i {
                duplicates += 1
                if duplicates <= 10 { note(path, .warning, "same id as \(records[at].0): the later record is imported, this one is not") }
                report.skipped += 1
                continue
            }
            if let skip = fields.skipReason {
                note(path, .warning, skip + "; not imported")
                report.skipped += 1
                continue
            }
            if case .elsewhere(let what) = fields.place, !options.keepOutOfArea {
                note(path, .warning, "offered elsewhere (\(what)), not in Richmond or Kingston; not imported (--keep-out-of-area keeps it, offered in neither)")
                report.outOfArea += 1
                continue
            }
            guard let id = ids.id(for: fields.orukId, name: fields.name) else {
                note(path, .error, "no free id for this record (every candidate is taken by another entry)")
                report.refused += 1
                continue
            }
            let fallback = existing.lastReviewed(id) ?? ISODate.format(options.today)
            let yaml = DraftWriter.yaml(id: id, key: ids.lastKey, fields: fields, options: options, fallbackReviewed: fallback)
            try emit(Draft(id: id, orukId: fields.orukId, title: fields.name, ages: fields.ages, yaml: yaml, path: path))
            report.imported += 1
        }
        if duplicates > 10 {
            report.problems.append(Problem(file: options.label, path: "", severity: .warning,
                                           message: "\(duplicates - 10) more records repeat a later record's id (the last of each is imported)"))
        }
        if ours > 0 {
            report.problems.append(Problem(file: options.label, path: "", severity: .warning,
                                           message: "\(ours) record\(ours == 1 ? " is" : "s are") this Local Offer's own export (ids of entries already here): left as they are"))
            report.ours = ours
        }
        return report
    }

    /// A record's id as written, for duplicates and our own ids; nil when it has none usable.
    static func rawId(_ r: JSONValue) -> String? {
        switch r["id"] {
        case .string(let s)?: let t = s.trimmed; return t.isEmpty || t.utf8.count > 200 ? nil : t
        case .number(let d, let text)? where d.isFinite && text.utf8.count <= 40: return text
        default: return nil
        }
    }

    /// The whole import: read, check the category, convert, write each file atomically (merged with
    /// an editor's changes on a re-import). On a whole-feed failure nothing is written.
    public static func run(file: URL, into contentDir: URL, options: Options) -> (Report, [Draft]) {
        let (json, readReport) = read(file: file, options: options)
        guard let json else { return (readReport, []) }
        return run(json: json, readReport: readReport, into: contentDir, options: options)
    }

    public static func run(json: JSONValue, readReport: Report, into contentDir: URL, options: Options) -> (Report, [Draft]) {
        guard let (records, pageNote) = records(json).map({ ($0.records, $0.pageNote) }) else {
            var fail = readReport
            fail.failed = true
            fail.problems.append(Problem(file: options.label, path: "", severity: .error, message: notAFeed))
            return (fail, [])
        }
        var read = readReport
        if let pageNote { read.problems.append(Problem(file: options.label, path: "", severity: .warning, message: pageNote)) }
        return run(records: records, readReport: read, into: contentDir, options: options)
    }

    /// The import of records already read (one page, or every page fetched from a feed's address).
    public static func run(records: [(String, JSONValue)], readReport: Report, into contentDir: URL, options: Options) -> (Report, [Draft]) {
        var fail = readReport
        let categories = vocabularyCategories(contentDir)
        if !categories.contains(options.category) {
            fail.failed = true
            fail.problems.append(Problem(file: options.label, path: "", severity: .error,
                                         message: "category '\(options.category)' is not in \(contentDir.appendingPathComponent("vocabulary.yaml").path): add it there, or choose another with --category"))
            return (fail, [])
        }
        var options = options
        if options.postcodes.isEmpty {
            options.postcodes = ContentLoader.loadPostcodes(root: contentDir, sink: DiagnosticSink(), limits: .standard)
        }
        let servicesDir = contentDir.appendingPathComponent("services")
        let lastDir = contentDir.appendingPathComponent(Merge.folder)
        do {
            try FileManager.default.createDirectory(at: servicesDir, withIntermediateDirectories: true)
        } catch {
            fail.failed = true
            fail.problems.append(Problem(file: options.label, path: "", severity: .error, message: "cannot create \(servicesDir.path)"))
            return (fail, [])
        }
        var written: [Draft] = []
        var writeErrors: [Problem] = []
        var notes: [Problem] = []
        var seenKeys = Set<String>()
        let existing = Existing.scan(contentDir)
        var report = convert(records: records, options: options, existing: existing) { d in
            let target = servicesDir.appendingPathComponent("\(d.id).yaml")
            let lastFile = lastDir.appendingPathComponent("\(d.id).yaml")
            seenKeys.insert(d.id)
            do {
                let current = try? String(contentsOf: target, encoding: .utf8)
                let previous = try? String(contentsOf: lastFile, encoding: .utf8)
                let m = Merge.merge(current: current, last: previous, new: d.yaml)
                if !m.conflicts.isEmpty {
                    notes.append(Problem(file: options.label, path: d.path.isEmpty ? "$" : d.path, severity: .warning,
                                         message: "services/\(d.id).yaml: the feed and an editor both changed \(m.conflicts.joined(separator: ", ")): the editor's version is kept; compare with \(Merge.folder)/\(d.id).yaml"))
                }
                if m.text != current { try AtomicFile.write(Data(m.text.utf8), to: target) }
                if d.yaml != previous {
                    if previous == nil { try FileManager.default.createDirectory(at: lastDir, withIntermediateDirectories: true) }
                    try AtomicFile.write(Data(d.yaml.utf8), to: lastFile)
                }
                written.append(Draft(id: d.id, orukId: d.orukId, title: d.title, ages: d.ages, yaml: "", path: d.path))
            } catch {
                writeErrors.append(Problem(file: options.label, path: d.path.isEmpty ? "$" : d.path, severity: .error,
                                           message: "cannot write services/\(d.id).yaml: \(error.localizedDescription)"))
            }
        }
        // Entries an earlier import of this feed made that the feed no longer has: reported, not deleted.
        if !report.failed {
            let gone = existing.importedFrom(feed: options.feedURL ?? options.label).subtracting(seenKeys).sorted()
            if !gone.isEmpty {
                notes.append(Problem(file: options.label, path: "", severity: .warning,
                                     message: "\(gone.count) entr\(gone.count == 1 ? "y" : "ies") imported earlier from this feed \(gone.count == 1 ? "is" : "are") no longer in it (kept; delete by hand if the service has closed): \(gone.prefix(10).joined(separator: ", "))\(gone.count > 10 ? ", …" : "")"))
            }
        }
        report.problems = readReport.problems + report.problems + notes + writeErrors
        report.refused += writeErrors.count
        report.imported -= writeErrors.count
        return (report, written)
    }

    /// Category ids of the content's vocabulary.yaml (the importer only needs to know one exists).
    static func vocabularyCategories(_ contentDir: URL) -> Set<String> {
        let sink = DiagnosticSink()
        let url = contentDir.appendingPathComponent("vocabulary.yaml")
        guard FileManager.default.fileExists(atPath: url.path),
              let file = YAMLFile.read(url: url, relativePath: "vocabulary.yaml", sink: sink),
              let map = YMap(file.root, file: "vocabulary.yaml", sink: sink, context: "") else { return [] }
        var out = Set<String>()
        for node in map.list("categories") ?? [] {
            if let m = YMap(node, file: "vocabulary.yaml", sink: sink, context: "categories"), let id = m.string("id") { out.insert(id) }
        }
        return out
    }
}
