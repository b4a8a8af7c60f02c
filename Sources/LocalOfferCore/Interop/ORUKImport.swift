import Foundation

/// `localoffer import --oruk FILE --into DIR`: a council's directory (ORUK 3.0 `/services` page or one
/// service, or the ORUK 1.0 page `content`/`totalElements`) turned into draft entries in the content
/// schema. What the directory does not say (who can use it, borough differences) becomes `check`
/// with a reason, never a guess.
public enum ORUKImport {
    public static let maxFeedBytes = 512 * 1024 * 1024
    public static let maxDepth = 64
    static let maxTitle = 200
    static let maxText = 20_000
    public static let notStated = "Not stated in the council's directory: ask the service or SENDIASS."

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
        public var orukId: String
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
        public init(label: String, feedURL: String? = nil, category: String = "directory", today: Date = Date()) {
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
        /// The feed as a whole could not be read: nothing was imported.
        public var failed = false
        public var errors: [Problem] { problems.filter { $0.severity == .error } }
        /// Exit 1 when anything was refused or the feed was unreadable.
        public var ok: Bool { !failed && refused == 0 }
    }

    /// Converts every record; each valid one goes to `emit` as soon as it is made (so 100,000 services
    /// never sit in memory as text at once). Invalid records are reported with their path and skipped.
    public static func convert(_ json: Any, options: Options, existing: Existing,
                               emit: (Draft) throws -> Void) rethrows -> Report {
        var report = Report()
        guard let (records, note) = records(json).map({ ($0.records, $0.pageNote) }) else {
            report.failed = true
            report.problems.append(Problem(file: options.label, path: "", severity: .error,
                                           message: "not an ORUK services page or service: no 'contents' (3.0), 'content' (1.0) or service 'name'"))
            return report
        }
        if let note { report.problems.append(Problem(file: options.label, path: "", severity: .warning, message: note)) }
        var ids = IdAllocator(existing: existing)
        var seen: [String: String] = [:]  // ORUK id → first path, for duplicates within the feed
        var duplicateWarnings = 0
        let todayText = ISODate.format(options.today)
        for (path, record) in records {
            var problems: [Problem] = []
            func err(_ field: String, _ m: String) {
                problems.append(Problem(file: options.label, path: [path, field].filter { !$0.isEmpty }.joined(separator: "."),
                                        severity: .error, message: m))
            }
            guard let r = record as? [String: Any] else {
                report.problems.append(Problem(file: options.label, path: path.isEmpty ? "$" : path, severity: .error, message: "not a service object"))
                report.refused += 1
                continue
            }
            guard let fields = ServiceFields.read(r, err: err, today: options.today) else {
                report.problems += problems
                report.refused += 1
                continue
            }
            if !problems.isEmpty {
                report.problems += problems
                report.refused += 1
                continue
            }
            if let skip = fields.skipReason {
                report.problems.append(Problem(file: options.label, path: path.isEmpty ? "$" : path, severity: .warning, message: skip + "; not imported"))
                report.skipped += 1
                continue
            }
            if let first = seen[fields.orukId] {
                duplicateWarnings += 1
                if duplicateWarnings <= 10 {
                    report.problems.append(Problem(file: options.label, path: path.isEmpty ? "$" : path, severity: .warning,
                                                   message: "same id as \(first): this later record replaces it"))
                }
            } else {
                seen[fields.orukId] = path.isEmpty ? "$" : path
            }
            guard let id = ids.id(for: fields.orukId, name: fields.name) else {
                report.problems.append(Problem(file: options.label, path: path.isEmpty ? "$" : path, severity: .error,
                                               message: "no free id for this record (every candidate is taken by another entry)"))
                report.refused += 1
                continue
            }
            let yaml = DraftWriter.yaml(id: id, key: ids.lastKey, fields: fields, options: options, today: todayText)
            try emit(Draft(id: id, orukId: fields.orukId, title: fields.name, ages: fields.ages, yaml: yaml, path: path))
            report.imported += 1
        }
        if duplicateWarnings > 10 {
            report.problems.append(Problem(file: options.label, path: "", severity: .warning,
                                           message: "\(duplicateWarnings - 10) more records repeat an earlier id (the last of each is imported)"))
        }
        return report
    }

    /// The whole import: read, check the category, convert, write each file atomically.
    /// On a whole-feed failure nothing is written.
    public static func run(file: URL, into contentDir: URL, options: Options) -> (Report, [Draft]) {
        let (json, readReport) = read(file: file, options: options)
        guard let json else { return (readReport, []) }
        var fail = Report()
        let categories = vocabularyCategories(contentDir)
        if !categories.contains(options.category) {
            fail.failed = true
            fail.problems.append(Problem(file: options.label, path: "", severity: .error,
                                         message: "category '\(options.category)' is not in \(contentDir.appendingPathComponent("vocabulary.yaml").path): add it there, or choose another with --category"))
            return (fail, [])
        }
        let servicesDir = contentDir.appendingPathComponent("services")
        do {
            try FileManager.default.createDirectory(at: servicesDir, withIntermediateDirectories: true)
        } catch {
            fail.failed = true
            fail.problems.append(Problem(file: options.label, path: "", severity: .error, message: "cannot create \(servicesDir.path)"))
            return (fail, [])
        }
        var written: [Draft] = []
        var writeErrors: [Problem] = []
        var report = convert(json, options: options, existing: Existing.scan(contentDir)) { d in
            do {
                try AtomicFile.write(Data(d.yaml.utf8), to: servicesDir.appendingPathComponent("\(d.id).yaml"))
                written.append(Draft(id: d.id, orukId: d.orukId, title: d.title, ages: d.ages, yaml: "", path: d.path))
            } catch {
                writeErrors.append(Problem(file: options.label, path: d.path.isEmpty ? "$" : d.path, severity: .error,
                                           message: "cannot write services/\(d.id).yaml: \(error.localizedDescription)"))
            }
        }
        report.problems = readReport.problems + report.problems + writeErrors
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
