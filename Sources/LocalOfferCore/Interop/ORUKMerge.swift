import Foundation

extension ORUKImport {
    /// Ids already taken in the content folder, which of them earlier imports wrote (by record key),
    /// and the ORUK ids of our own export: so a re-import updates its own file, never overwrites a
    /// hand-written entry, and our own feed coming back is recognised as the entries already here.
    public struct Existing: Sendable {
        public var taken: Set<String> = []
        var importedByKey: [String: String] = [:]
        /// Entry id by feed label, for entries an import wrote (to report records gone from the feed).
        var feedOf: [String: String] = [:]
        /// `ORUKExport.serviceId` of every service here → its entry id.
        public var ours: [String: String] = [:]
        var lastDir: URL?
        public init() {}

        static let markerPrefix = "# oruk-key: "
        static let feedPrefix = "# oruk-feed: "

        public static func scan(_ contentDir: URL) -> Existing {
            var out = Existing()
            out.lastDir = contentDir.appendingPathComponent(Merge.folder)
            let fm = FileManager.default
            for folder in ["services", "guides"] {
                let dir = contentDir.appendingPathComponent(folder)
                for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    let id = (name as NSString).deletingPathExtension
                    out.taken.insert(id)
                    guard folder == "services" else { continue }
                    for b in Borough.allCases { out.ours[ORUKExport.serviceId(entry: id, borough: b)] = id }
                    guard let h = FileHandle(forReadingAtPath: dir.appendingPathComponent(name).path) else { continue }
                    let head = (try? h.read(upToCount: 1024)) ?? Data()
                    try? h.close()
                    let text = String(decoding: head, as: UTF8.self)
                    var imported = false
                    for line in text.split(separator: "\n").prefix(6) {
                        if line.hasPrefix(markerPrefix) {
                            out.importedByKey[String(line.dropFirst(markerPrefix.count)).trimmed] = id
                            imported = true
                        } else if line.hasPrefix(feedPrefix) {
                            out.feedOf[id] = String(line.dropFirst(feedPrefix.count)).trimmed
                        }
                    }
                    // An imported entry is the importer's, not one of our own published services.
                    if imported { for b in Borough.allCases { out.ours[ORUKExport.serviceId(entry: id, borough: b)] = nil } }
                }
            }
            return out
        }

        /// The `last_reviewed` the previous import of this entry wrote, to keep standing in for a date the feed never gives.
        func lastReviewed(_ id: String) -> String? {
            guard let dir = lastDir, let text = try? String(contentsOf: dir.appendingPathComponent("\(id).yaml"), encoding: .utf8) else { return nil }
            for line in text.split(separator: "\n") where line.hasPrefix("last_reviewed: ") {
                let v = line.dropFirst("last_reviewed: ".count).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
                return ISODate.parse(v) != nil ? v : nil
            }
            return nil
        }

        func importedFrom(feed: String) -> Set<String> {
            let label = Sanitize.oneLine(feed)
            return Set(feedOf.filter { $0.value == label }.map(\.key))
        }
    }

    /// A re-import as a three-way merge of top-level fields: what the feed said last time (kept in
    /// `.oruk-import/<id>.yaml`), what the entry says now, and what the feed says now. A field the
    /// editor left alone takes the feed's new value; one the feed left alone keeps the editor's; one
    /// both changed keeps the editor's and is listed. Any change from the feed makes the entry a draft
    /// again, so nothing new reaches families unreviewed.
    enum Merge {
        static let folder = ".oruk-import"

        struct Result { var text: String; var conflicts: [String] }

        /// Top-level blocks of our YAML: a header of comments, then `key:` lines with what follows them.
        static func blocks(_ text: String) -> (header: String, keys: [String], byKey: [String: String]) {
            var header = ""
            var keys: [String] = []
            var byKey: [String: String] = [:]
            var current: String?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let l = String(line)
                let first = l.utf8.first
                let isKey = first != nil && first != 0x20 && first != 0x23 && first != 0x2D && l.contains(":")
                if isKey, let colon = l.firstIndex(of: ":") {
                    let k = String(l[..<colon])
                    if byKey[k] == nil { keys.append(k) }
                    byKey[k] = l + "\n"
                    current = k
                } else if let k = current {
                    byKey[k, default: ""] += l + "\n"
                } else {
                    header += l + "\n"
                }
            }
            return (header, keys, byKey)
        }

        static func merge(current: String?, last: String?, new: String) -> Result {
            guard let current else { return Result(text: new, conflicts: []) }
            if current == new { return Result(text: current, conflicts: []) }
            // No record of what the feed said before: whatever differs is taken as the editor's.
            let c = blocks(current), l = blocks(last ?? new), n = blocks(new)
            var parts: [(String, String)] = []
            var conflicts: [String] = []
            var feedChanged = false
            var done: Set<String> = ["draft"]
            for k in n.keys + c.keys where done.insert(k).inserted {
                let cv = c.byKey[k], lv = l.byKey[k], nv = n.byKey[k]
                var chosen = cv
                if cv == lv {
                    chosen = nv
                    if nv != lv { feedChanged = true }
                } else if nv != lv && nv != cv {
                    conflicts.append(k)
                }
                if let chosen { parts.append((k, chosen)) }
            }
            if !feedChanged && conflicts.isEmpty { return Result(text: current, conflicts: []) }
            // The draft mark sits after the id: kept while unreviewed, and back when the feed changed anything.
            var body = ""
            for (k, v) in parts {
                body += v
                if k == "id" && (feedChanged || c.byKey["draft"] != nil) { body += "draft: true\n" }
            }
            var text = c.header + body
            while text.hasSuffix("\n\n") { text.removeLast() }
            return Result(text: text, conflicts: conflicts)
        }
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
