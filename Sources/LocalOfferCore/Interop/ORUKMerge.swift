import Foundation

extension ORUKImport {
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
