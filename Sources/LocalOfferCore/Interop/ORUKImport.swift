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

    /// Ids already taken in the content folder, and which of them earlier imports wrote (by record key),
    /// so a re-import updates its own file and never overwrites a hand-written entry.
    public struct Existing: Sendable {
        public var taken: Set<String> = []
        public var importedByKey: [String: String] = [:]
        public init() {}

        public static let markerPrefix = "# oruk-key: "

        public static func scan(_ contentDir: URL) -> Existing {
            var out = Existing()
            let fm = FileManager.default
            for folder in ["services", "guides"] {
                let dir = contentDir.appendingPathComponent(folder)
                for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    let id = (name as NSString).deletingPathExtension
                    out.taken.insert(id)
                    guard folder == "services", let h = FileHandle(forReadingAtPath: dir.appendingPathComponent(name).path) else { continue }
                    let head = (try? h.read(upToCount: 512)) ?? Data()
                    try? h.close()
                    let text = String(decoding: head, as: UTF8.self)
                    for line in text.split(separator: "\n").prefix(4) where line.hasPrefix(markerPrefix) {
                        out.importedByKey[String(line.dropFirst(markerPrefix.count)).trimmed] = id
                    }
                }
            }
            return out
        }
    }

    // MARK: - Reading a feed

    /// Reads FILE: size and nesting bounded before anything is parsed.
    public static func read(file: URL, options: Options) -> (Any?, Report) {
        var report = Report()
        func fail(_ m: String) -> (Any?, Report) {
            report.failed = true
            report.problems.append(Problem(file: options.label, path: "", severity: .error, message: m))
            return (nil, report)
        }
        let attrs = try? FileManager.default.attributesOfItem(atPath: file.path)
        guard let size = (attrs?[.size] as? NSNumber)?.intValue else { return fail("cannot read the file") }
        if size > maxFeedBytes { return fail("the feed is \(size / 1_048_576) MB; the most accepted is \(maxFeedBytes / 1_048_576) MB (split it into pages)") }
        guard let data = try? Data(contentsOf: file, options: .mappedIfSafe) else { return fail("cannot read the file") }
        let (json, r) = parse(data: data, options: options)
        return (json, r)
    }

    public static func parse(data: Data, options: Options) -> (Any?, Report) {
        var report = Report()
        func fail(_ m: String) -> (Any?, Report) {
            report.failed = true
            report.problems.append(Problem(file: options.label, path: "", severity: .error, message: m))
            return (nil, report)
        }
        if data.count > maxFeedBytes { return fail("the feed is larger than \(maxFeedBytes / 1_048_576) MB") }
        if let depth = nestingTooDeep(data) { return fail("the JSON nests more than \(maxDepth) levels deep (at byte \(depth)): not a directory feed") }
        do {
            let json = try JSONSerialization.jsonObject(with: data, options: [])
            return (json, report)
        } catch {
            let ns = error as NSError
            let detail = (ns.userInfo[NSDebugDescriptionErrorKey] as? String).map { ": \($0)" } ?? ""
            return fail("not valid JSON\(detail)")
        }
    }

    /// One pass over the bytes, outside strings: the byte offset where nesting passes the bound.
    static func nestingTooDeep(_ data: Data) -> Int? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
            var depth = 0, inString = false, escaped = false
            for (i, b) in raw.enumerated() {
                if inString {
                    if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                    continue
                }
                switch b {
                case 0x22: inString = true
                case 0x5B, 0x7B:
                    depth += 1
                    if depth > maxDepth { return i }
                case 0x5D, 0x7D: depth -= 1
                default: break
                }
            }
            return nil
        }
    }

    /// The records of a feed and the JSON path of each, or why the feed is not one.
    static func records(_ json: Any) -> (records: [(String, Any)], pageNote: String?)? {
        if let list = json as? [Any] { return (list.enumerated().map { ("[\($0.offset)]", $0.element) }, nil) }
        guard let obj = json as? [String: Any] else { return nil }
        for key in ["contents", "content"] {
            if let list = obj[key] as? [Any] {
                var note: String?
                let pages = (obj["total_pages"] ?? obj["totalPages"]) as? NSNumber
                if let pages, !ORUKText.isBool(pages), pages.intValue > 1 {
                    note = "this is one page of \(pages.intValue): import every page to hold the whole directory"
                }
                return (list.enumerated().map { ("\(key)[\($0.offset)]", $0.element) }, note)
            }
        }
        if obj["name"] != nil || obj["id"] != nil { return ([("", obj)], nil) }
        return nil
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

/// Kebab-case from the name plus a short suffix from the record's own id: stable across re-imports,
/// lengthened only when it would collide with an entry it does not own.
struct IdAllocator {
    var existing: ORUKImport.Existing
    var batch: [String: String] = [:]  // id → key, this run
    /// The record key of the last `id(for:name:)`, so the writer does not hash it again.
    private(set) var lastKey = ""

    init(existing: ORUKImport.Existing) { self.existing = existing }

    static func key(_ orukId: String) -> String { SHA1.hex("oruk:" + orukId) }

    mutating func id(for orukId: String, name: String) -> String? {
        let key = Self.key(orukId)
        lastKey = key
        if let earlier = existing.importedByKey[key] { batch[earlier] = key; return earlier }
        let base = Self.kebab(name)
        for n in stride(from: 8, through: 40, by: 4) {
            let candidate = "\(base)-\(key.prefix(n))"
            if let owner = batch[candidate] {
                if owner == key { return candidate }
                continue
            }
            if existing.taken.contains(candidate) { continue }
            batch[candidate] = key
            existing.importedByKey[key] = candidate
            return candidate
        }
        return nil
    }

    static func kebab(_ name: String) -> String {
        // Folding is slow (ICU) and only needed beyond ASCII.
        let folded = name.utf8.allSatisfy({ $0 < 0x80 }) ? name.lowercased()
            : name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_GB")).lowercased()
        var out = ""
        var lastHyphen = true
        for u in folded.unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") {
                out.unicodeScalars.append(u)
                lastHyphen = false
            } else if u == "&" {
                if !lastHyphen { out += "-" }
                out += "and-"
                lastHyphen = true
            } else if !lastHyphen {
                out += "-"
                lastHyphen = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.count > 48 {
            out = String(out.prefix(48))
            if let cut = out.lastIndex(of: "-"), out.distance(from: out.startIndex, to: cut) >= 16 { out = String(out[..<cut]) }
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out.isEmpty ? "service" : out
    }
}

/// What one ORUK record says that an entry can use, checked field by field.
struct ServiceFields {
    var orukId: String
    var name: String
    var description: String
    var url: String?
    var email: String?
    var provider: String?
    var ages: ClosedRange<Int>
    var ageNote: String?
    var reviewed: String?
    var reviewedNote: String?
    var statusNote: String?
    var skipReason: String?
    var cost: String?
    var alert: String?
    var boroughs: [Borough] = []
    var otherAreas: [String] = []
    var statuses: Set<Status> = []
    var needs: [NeedArea] = []

    static func read(_ r: [String: Any], err: (String, String) -> Void, today: Date) -> ServiceFields? {
        func string(_ key: String, in obj: [String: Any] = r, path: String? = nil) -> String? {
            guard let v = obj[key], !(v is NSNull) else { return nil }
            if let s = v as? String { return s }
            err(path ?? key, "must be text, not \(ORUKText.describe(v))")
            return nil
        }
        func number(_ key: String) -> Double? {
            guard let v = r[key], !(v is NSNull) else { return nil }
            if !ORUKText.isBool(v), let n = v as? NSNumber { return n.doubleValue }
            err(key, "must be a number, not \(ORUKText.describe(v))")
            return nil
        }

        var orukId: String?
        switch r["id"] {
        case let s as String where !s.trimmed.isEmpty: orukId = s.trimmed
        case let n as NSNumber where !ORUKText.isBool(n): orukId = n.stringValue  // ORUK 1.0 feeds may number their records
        case nil, is NSNull: err("id", "missing: a record needs its directory id, so a re-import updates it")
        default: err("id", "must be text")
        }
        let rawName = string("name")
        let name = rawName.map { ORUKText.clean($0, limit: ORUKImport.maxTitle, singleLine: true) } ?? ""
        if rawName == nil && r["name"] == nil { err("name", "missing: every service needs a name") }
        else if rawName != nil && name.isEmpty { err("name", "is empty") }

        let description = string("description").map { ORUKText.clean($0, limit: ORUKImport.maxText) } ?? ""

        var url: String?
        if let u = string("url") {
            let t = u.trimmed
            if ORUK.isWebAddress(t) { url = t } else if !t.isEmpty { err("url", "not a web address (http:// or https://): \(ORUKText.quote(t))") }
        }
        var email: String?
        if let v = r["email"], !(v is NSNull) {
            if let s = v as? String {
                let t = s.trimmed
                if ORUK.isEmail(t) { email = t } else if !t.isEmpty { err("email", "not an email address: \(ORUKText.quote(t))") }
            } else {
                err("email", "not an email address (\(ORUKText.describe(v)))")
            }
        }

        var provider: String?
        if let v = r["organization"], !(v is NSNull) {
            if let org = v as? [String: Any] {
                provider = string("name", in: org, path: "organization.name").map { ORUKText.clean($0, limit: ORUKImport.maxTitle, singleLine: true) }
                if provider?.isEmpty == true { provider = nil }
            } else {
                err("organization", "must be an object")
            }
        }

        var ageNote: String?
        var lo = number("minimum_age"), hi = number("maximum_age")
        // ORUK 1.0 (Outpost) keeps ages in `eligibilitys`.
        if lo == nil && hi == nil, let list = r["eligibilitys"] as? [Any], let first = list.first as? [String: Any] {
            func n(_ k: String) -> Double? {
                guard let v = first[k] as? NSNumber, !ORUKText.isBool(v), v.doubleValue.isFinite else { return nil }
                return v.doubleValue
            }
            lo = n("minimum_age")
            hi = n("maximum_age")
        }
        var from = 0, to = 25
        var skipReason: String?
        if let lo, lo < 0 || !lo.isFinite { err("minimum_age", "must not be negative") }
        if let hi, hi < 0 || !hi.isFinite { err("maximum_age", "must not be negative") }
        if let lo, let hi, lo > hi { err("maximum_age", "is below minimum_age (\(ORUKText.number(lo)) > \(ORUKText.number(hi)))") }
        if let lo, lo.isFinite, lo >= 0 { from = Int(lo.rounded(.down)) }
        if let hi, hi.isFinite, hi >= 0 { to = Int(min(hi, 1000).rounded(.down)) }
        if from > 25 {
            skipReason = "for ages \(from) and over: outside the Local Offer's 0 to 25"
        } else if lo != nil || hi != nil {
            let given = "\(lo.map(ORUKText.number) ?? "0") to \(hi.map(ORUKText.number) ?? "any age")"
            if to > 25 || hi == nil {
                ageNote = "The council's directory gives ages \(given); the Local Offer covers 0 to 25."
            }
        }
        to = min(to, 25)

        var statusNote: String?
        if let s = string("status") {
            switch s.trimmed.lowercased() {
            case "active", "": break
            case "temporarily closed": statusNote = "The council's directory marks this service as temporarily closed."
            case "inactive", "defunct": skipReason = skipReason ?? "marked '\(s.trimmed)' in the directory"
            default: err("status", "must be active, inactive, defunct or temporarily closed, not \(ORUKText.quote(s))")
            }
        }

        // The directory's own dates: when it was checked, else when it was changed.
        var reviewed: String?
        var reviewedNote: String?
        for key in ["assured_date", "last_modified", "lastModified"] {
            guard let s = string(key) else { continue }
            let day = String(s.trimmed.prefix(10))
            guard let date = ISODate.parse(day) else {
                reviewedNote = "The directory's date \(ORUKText.quote(ORUKText.clean(s, limit: 40, singleLine: true))) is not a date."
                continue
            }
            if date > today.addingTimeInterval(86_400) {
                reviewedNote = "The directory's date \(day) is in the future."
                continue
            }
            reviewed = day
            break
        }

        var costs: [String] = []
        if let f = string("fees") { costs.append(ORUKText.clean(f, limit: 500, singleLine: true)) }
        if let list = r["cost_options"] as? [Any] {
            for (i, item) in list.enumerated() {
                guard let c = item as? [String: Any] else { continue }
                var words: [String] = []
                let said = string("amount_description", in: c, path: "cost_options[\(i)].amount_description").map { ORUKText.clean($0, limit: 200, singleLine: true) }
                if let n = c["amount"] as? NSNumber, !ORUKText.isBool(n) {
                    if n.doubleValue != 0 {
                        words.append("£" + ORUKText.money(n.doubleValue))
                    } else if !(said?.lowercased().hasPrefix("free") ?? false) {
                        words.append("Free")
                    }
                }
                if let said { words.append(said) }
                if let o = string("option", in: c, path: "cost_options[\(i)].option") { words.append("(\(ORUKText.clean(o, limit: 200, singleLine: true)))") }
                let t = words.filter { !$0.isEmpty && $0 != "()" }.joined(separator: " ")
                if !t.isEmpty { costs.append(t) }
            }
        }
        let alert = string("alert").map { ORUKText.clean($0, limit: 2000) }

        // Areas: ONS codes anywhere in the area's fields ("E09000027"), never names (Kingston upon Hull).
        var boroughs: [Borough] = []
        var others: [String] = []
        if let areas = r["service_areas"] as? [Any] {
            for a in areas {
                guard let obj = a as? [String: Any] else { continue }
                for key in ["extent", "uri", "service_area", "name"] {
                    guard let s = obj[key] as? String else { continue }
                    for code in ORUKText.onsCodes(in: s) {
                        if let b = ORUK.borough(onsCode: code) {
                            if !boroughs.contains(b) { boroughs.append(b) }
                        } else if !others.contains(code) {
                            others.append(code)
                        }
                    }
                }
            }
        }

        // Our own taxonomies, when the feed carries them (our export, or a council that adopts them).
        var statuses = Set<Status>()
        var needs: [NeedArea] = []
        if let attrs = r["attributes"] as? [Any] {
            for a in attrs {
                guard let obj = a as? [String: Any], let term = obj["taxonomy_term"] as? [String: Any] else { continue }
                let taxonomy = term["taxonomy"] as? String ?? ""
                let code = term["term"] as? String ?? ""
                if taxonomy == ORUK.senStatusTaxonomy, let s = Status(rawValue: code) { statuses.insert(s) }
                if taxonomy == ORUK.needAreaTaxonomy, let n = NeedArea(rawValue: code), !needs.contains(n) { needs.append(n) }
            }
        }

        guard let orukId, !name.isEmpty else { return nil }
        var f = ServiceFields(orukId: orukId, name: name, description: description, url: url, email: email, provider: provider,
                              ages: from...max(from, to), ageNote: ageNote, reviewed: reviewed, reviewedNote: reviewedNote,
                              statusNote: statusNote, skipReason: skipReason, cost: costs.isEmpty ? nil : costs.joined(separator: "; "),
                              alert: alert)
        f.boroughs = Borough.allCases.filter(boroughs.contains)
        f.otherAreas = others
        f.statuses = statuses
        f.needs = NeedArea.allCases.filter(needs.contains)
        return f
    }
}

/// The YAML of one draft entry, written by hand so every value is quoted the one safe way.
enum DraftWriter {
    static func yaml(id: String, key: String, fields f: ServiceFields, options: ORUKImport.Options, today: String) -> String {
        let q = YAMLText.quoted
        var y = "# Draft imported from a council directory (Open Referral UK) by `localoffer import --oruk`: review it.\n"
        y += "# A re-import of the same directory record replaces this file; the key below says which record.\n"
        y += ORUKImport.Existing.markerPrefix + key + "\n"
        y += "id: \(id)\n"
        y += "title: \(q(f.name))\n"
        y += "summary: \(q(summary(f)))\n"

        var text: [String] = []
        if !f.description.isEmpty { text.append(f.description) }
        if let a = f.alert, !a.isEmpty { text.append("Notice from the directory: \(a)") }
        if let s = f.statusNote { text.append(s) }
        if let n = f.ageNote { text.append(n) }
        if f.statuses.isEmpty {
            text.append("The council's directory does not say whether children with no identified SEN, at SEN Support or with an EHC plan can use it: ask the service or SENDIASS.")
        }
        var source = "Imported from the council's directory (\(options.feedURL ?? options.label), record \(f.orukId)) on \(today)."
        if f.reviewed == nil {
            source += " The directory gives no date for when it was last checked, so the import date stands in for it."
            if let n = f.reviewedNote { source += " " + n }
        }
        text.append(source)
        y += "description: \(YAMLText.block(text.joined(separator: "\n\n"), indent: 2))\n"
        y += "category: \(q(options.category))\n"
        let needs = f.needs.isEmpty ? NeedArea.allCases : f.needs
        y += "need_areas: [\(needs.map(\.rawValue).joined(separator: ", "))]\n"
        y += "ages: {from: \(f.ages.lowerBound), to: \(f.ages.upperBound)}\n"
        if let c = f.cost, !c.isEmpty { y += "cost: \(q(c))\n" }

        y += "eligibility:\n"
        for s in Status.allCases {
            y += "  \(s.rawValue):\n"
            if f.statuses.contains(s) {
                y += "    verdict: eligible\n"
                y += "    reason: \(q("The council's directory lists it for children with \(s.label)."))\n"
            } else {
                y += "    verdict: check\n"
                y += "    reason: \(q(ORUKImport.notStated))\n"
            }
        }

        y += "boroughs:\n"
        for b in Borough.allCases {
            y += "  \(b.rawValue):\n"
            let offered: Bool
            var reason: String?
            var differences: String?
            if !f.boroughs.isEmpty {
                offered = f.boroughs.contains(b)
                if !offered {
                    let listed = f.boroughs.map(\.fullName).joined(separator: " and ")
                    reason = "The council's directory lists it for \(listed) only (ONS area \(f.boroughs.map(ORUK.onsCode).joined(separator: ", "))): ask the service whether it takes families from \(b.fullName)."
                }
            } else if !f.otherAreas.isEmpty {
                offered = false
                reason = "The council's directory lists it for another area (ONS \(f.otherAreas.prefix(5).joined(separator: ", "))), not \(b.fullName): ask the service or SENDIASS."
            } else {
                offered = true
                differences = "The council's directory does not say which area it covers: ask the service whether it takes families from \(b.fullName)."
            }
            y += "    offered: \(offered)\n"
            if offered {
                if let p = f.provider { y += "    provider: \(q(p))\n" }
                y += "    how_to_get: \(q(f.url != nil || f.email != nil ? "Not stated in the council's directory: contact the service (below) or ask SENDIASS." : ORUKImport.notStated))\n"
                if let d = differences { y += "    differences: \(q(d))\n" }
            } else if let reason {
                y += "    reason: \(q(reason))\n"
            }
        }
        if f.url != nil || f.email != nil {
            y += "contact:\n"
            if let u = f.url { y += "  website: \(q(u))\n" }
            if let e = f.email { y += "  email: \(q(e))\n" }
        }
        y += "last_reviewed: \(q(f.reviewed ?? today))\n"
        var sources: [String] = []
        if let u = f.url { sources.append(u) }
        sources.append(options.feedURL ?? options.label)
        y += "sources:\n"
        for s in sources { y += "  - \(q(s))\n" }
        return y
    }

    /// One sentence: the description's first, else a plain statement of where the entry came from.
    static func summary(_ f: ServiceFields) -> String {
        // Scalars, not Characters: the first sentence is found in one cheap pass.
        let scalars = f.description.unicodeScalars
        guard scalars.contains(where: { !$0.properties.isWhitespace }) else { return "\(f.name), listed in the council's service directory." }
        var end = scalars.endIndex
        var i = scalars.startIndex
        var seen = 0
        while i < scalars.endIndex && seen < 2000 {
            let c = scalars[i]
            let next = scalars.index(after: i)
            if c == "." || c == "!" || c == "?", next == scalars.endIndex || scalars[next] == " " || scalars[next] == "\n" {
                end = next
                break
            }
            i = next
            seen += 1
        }
        if seen >= 2000 { end = i }
        var text = String(scalars[..<end])
        if text.utf8.contains(0x0A) { text = String(text.map { $0 == "\n" ? " " : $0 }) }
        var s = text.trimmed
        if s.count > 240 {
            s = String(s.prefix(240))
            if let sp = s.lastIndex(of: " ") { s = String(s[..<sp]) }
            s += "…"
        }
        return s
    }
}

/// Text from a feed: HTML stripped, mojibake repaired, control characters removed, length bounded.
public enum ORUKText {
    public static func clean(_ raw: String, limit: Int, singleLine: Bool = false) -> String {
        var s = fixMojibake(raw)
        if s.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) { s = stripHTML(s) }
        // Control characters go; line breaks stay (as \n) unless a single line is wanted. Built as
        // UTF-8 bytes: appending scalars to a String one by one is the slow part of a large import.
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        var newlines = 0
        var count = 0
        var truncated = false
        for u in s.unicodeScalars {
            let v = u.value
            let isBreak = v == 0x0A || v == 0x0D || v == 0x2028 || v == 0x2029 || v == 0x85
            if isBreak && !singleLine {
                if v == 0x0D { continue }
                newlines += 1
                pendingSpace = false
                continue
            }
            let isSpace = isBreak || v == 0x09 || v == 0x20 || v == 0xA0 || (v > 0x7F && u.properties.isWhitespace)
            if isSpace { pendingSpace = true; continue }
            if v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF || (v >= 0x200B && v <= 0x200F) || (v >= 0x202A && v <= 0x202E) {
                continue
            }
            if count >= limit - 1 {
                truncated = true
                break
            }
            if !out.isEmpty {
                if newlines > 0 {
                    out.append(0x0A)
                    if newlines >= 2 { out.append(0x0A) }
                    count += newlines >= 2 ? 2 : 1
                } else if pendingSpace {
                    out.append(0x20)
                    count += 1
                }
            }
            newlines = 0
            pendingSpace = false
            if v < 0x80 {
                out.append(UInt8(v))
            } else {
                UTF8.encode(u) { out.append($0) }
            }
            count += 1
        }
        var result = String(decoding: out, as: UTF8.self)
        if truncated { result += "…" }
        return result
    }

    /// UTF-8 read as Windows-1252 (`Â£`, `â€™`, `Ã©`): re-encode each such run and decode it again as
    /// UTF-8. A run that does not decode is left alone (so real "café" or "Â" stays).
    public static func fixMojibake(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value >= 0xC2 && $0.value <= 0xF4 }) else { return s }
        var out = ""
        var run: [UInt8] = []
        var runText = ""
        func flush() {
            if run.contains(where: { $0 >= 0x80 }), let fixed = String(validating: run, as: UTF8.self) {
                out += fixed
            } else {
                out += runText
            }
            run.removeAll(keepingCapacity: true)
            runText = ""
        }
        for u in s.unicodeScalars {
            if let b = cp1252Byte(u) {
                run.append(b)
                runText.unicodeScalars.append(u)
            } else {
                flush()
                out.unicodeScalars.append(u)
            }
        }
        flush()
        return out
    }

    static let cp1252High: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    static func cp1252Byte(_ u: Unicode.Scalar) -> UInt8? {
        if u.value < 0x100 { return UInt8(u.value) }  // Latin-1, and the C1 gaps a Latin-1 decoder leaves
        return cp1252High[u.value]
    }

    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "pound": "£", "euro": "€",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "ndash": "–", "mdash": "—", "hellip": "…",
        "bull": "•", "middot": "·", "copy": "©", "reg": "®", "eacute": "é", "egrave": "è", "aacute": "á",
    ]

    public static func stripHTML(_ s: String) -> String {
        var out = ""
        var i = s.startIndex
        var skipUntil: String?  // inside <script> or <style>
        while i < s.endIndex {
            let c = s[i]
            if c == "<", let close = s[i...].firstIndex(of: ">") {
                let tag = s[s.index(after: i)..<close].trimmingCharacters(in: .whitespaces).lowercased()
                let tagName = String(tag.prefix { $0.isLetter || $0 == "/" || $0.isNumber })
                i = s.index(after: close)
                if let end = skipUntil {
                    if tagName == "/" + end { skipUntil = nil }
                    continue
                }
                switch tagName {
                case "script", "style": skipUntil = tagName
                case "br", "br/": out += "\n"
                case "p", "/p", "div", "/div", "h1", "h2", "h3", "h4", "/h1", "/h2", "/h3", "/h4", "ul", "/ul", "ol", "/ol", "table", "/table":
                    out += "\n\n"
                case "li": out += "\n- "
                case "tr", "/tr": out += "\n"
                case "td", "th": out += " "
                default: break
                }
                continue
            }
            if skipUntil != nil { i = s.index(after: i); continue }
            if c == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                let name = String(s[s.index(after: i)..<semi])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    decoded = String(Character(u))
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                    decoded = String(Character(u))
                } else {
                    decoded = entities[name]
                }
                if let decoded {
                    out += decoded
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(c)
            i = s.index(after: i)
        }
        return out
    }

    /// ONS GSS codes: a letter E, W, S or N and eight digits.
    static func onsCodes(in s: String) -> [String] {
        var out: [String] = []
        let chars = Array(s.utf8)
        var i = 0
        while i + 9 <= chars.count {
            let c = chars[i]
            if c == UInt8(ascii: "E") || c == UInt8(ascii: "W") || c == UInt8(ascii: "S") || c == UInt8(ascii: "N"),
               (i == 0 || !isAlnum(chars[i - 1])), chars[(i + 1)..<(i + 9)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
               i + 9 == chars.count || !isAlnum(chars[i + 9]) {
                out.append(String(decoding: chars[i..<(i + 9)], as: UTF8.self))
                i += 9
            } else {
                i += 1
            }
        }
        return out
    }
    static func isAlnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    /// JSON true/false. Not `is Bool`: Foundation bridges the numbers 0 and 1 to Bool as well, and
    /// an age of 0 must stay a number. Booleans are the NSNumbers of C type char.
    static func isBool(_ v: Any) -> Bool {
        guard let n = v as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    static func describe(_ v: Any) -> String {
        if v is NSNull { return "null" }
        if isBool(v), let n = v as? NSNumber { return n.boolValue ? "true" : "false" }
        if v is NSNumber { return "a number" }
        if v is [Any] { return "a list" }
        if v is [String: Any] { return "an object" }
        return "a value of another type"
    }

    /// A value from the feed shown in a one-line message: cleaned, bounded, quoted.
    static func quote(_ s: String) -> String { "'" + clean(s, limit: 80, singleLine: true) + "'" }

    static func number(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e9 ? String(Int(d)) : String(d) }

    static func money(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e9 ? String(Int(d)) : String(format: "%.2f", d)
    }
}

/// YAML scalars that survive any text: double quotes with escapes, or a literal block.
public enum YAMLText {
    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(s.utf8.count + 8)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += [0x5C, 0x22]
            case "\\": out += [0x5C, 0x5C]
            case "\n": out += [0x5C, UInt8(ascii: "n")]
            case "\t": out += [0x5C, UInt8(ascii: "t")]
            default:
                if !printable(u) { continue }
                if u.value < 0x80 { out.append(UInt8(u.value)) } else { UTF8.encode(u) { out.append($0) } }
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// `|-` and the lines indented, when that is safe (what editors will read and change); otherwise quoted.
    public static func block(_ s: String, indent: Int) -> String {
        let bytes = s.utf8
        guard let first = bytes.first, first != 0x20, first != 0x0A else { return quoted(s) }
        var out: [UInt8] = Array("|-\n".utf8)
        out.reserveCapacity(bytes.count + bytes.count / 40 * indent + 16)
        var atLineStart = true
        var previous: UInt8 = 0
        var hasText = false
        for u in s.unicodeScalars {
            // Tabs, carriage returns, trailing spaces and unprintables cannot be kept in a literal block.
            if u == "\t" || u == "\r" || !printable(u) { return quoted(s) }
            if u == "\n" {
                if previous == 0x20 { return quoted(s) }
                out.append(0x0A)
                atLineStart = true
                previous = 0x0A
                continue
            }
            if atLineStart {
                for _ in 0..<indent { out.append(0x20) }
                atLineStart = false
            }
            if u.value < 0x80 { out.append(UInt8(u.value)) } else { UTF8.encode(u) { out.append($0) } }
            previous = u.value < 0x80 ? UInt8(u.value) : 0xFF
            if u != " " { hasText = true }
        }
        if previous == 0x20 || !hasText { return quoted(s) }
        return String(decoding: out, as: UTF8.self)
    }

    /// YAML 1.1/1.2 printable set, less the line separators that some readers treat as breaks.
    static func printable(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v == 0x09 || v == 0x0A { return true }
        if v < 0x20 || (v >= 0x7F && v <= 0x9F) { return false }
        if v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF { return false }
        return true
    }
}

extension ISODate {
    static func format(_ d: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? cal.timeZone
        let c = cal.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }
}
