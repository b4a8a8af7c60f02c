import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The parsed, validated content kept in one file, so a command that only reads content does not
/// parse YAML again when nothing changed. YAML stays the source: `check` always reads it.
///
/// The snapshot is keyed by what it was made from: the program's version, the running executable
/// (its size and change time, so any rebuild, and so any change to the model types, makes a new
/// key), and every file the loader reads with its size and modification and change times in
/// nanoseconds. A key that differs by one byte, a checksum that does not match, a file of another
/// format or one that does not decode is ignored and rebuilt: it is never trusted.
///
/// Where: `.localoffer-snapshot` beside the content when that folder is writable, else
/// `$XDG_CACHE_HOME/localoffer` (or `~/.cache/localoffer`), one file per content folder. It holds
/// only what the content folder holds, nothing a family typed, so it is written in `--kiosk` and
/// `--shared` too.
public enum ContentSnapshot {
    static let magic = Array("localoffer-snapshot 2\n".utf8)
    static let fileName = ".localoffer-snapshot"
    /// A snapshot larger than this is not read (the content limits bound what a real one holds).
    static let maxBytes = 4 << 30

    /// Everything `Content` holds but its root (taken from where it is loaded) and its id table
    /// (rebuilt by its initialiser). The model types code themselves, field by field.
    struct Payload: Codable {
        var entries: [Entry]
        var glossary: [GlossaryTerm]
        var categories: [LabelledValue]
        var routes: [LabelledValue]
        var crossBorough: [LabelledValue]
        var concepts: [Concept]
        var intents: [Intent]
        var nounForms: [String: String]
        var postcodes: [PostcodeDistrict]
        var coverage: [CoverageItem]
        var flows: [Flow]
        var talkTo: [String]

        init(_ c: Content) {
            entries = c.entries
            glossary = c.glossary
            categories = c.categories
            routes = c.routes
            crossBorough = c.crossBorough
            concepts = c.concepts
            intents = c.intents
            nounForms = c.nounForms
            postcodes = c.postcodes
            coverage = c.coverage
            flows = c.flows
            talkTo = c.talkTo
        }

        func content(root: URL) -> Content {
            Content(entries: entries, glossary: glossary, categories: categories, routes: routes, postcodes: postcodes,
                    coverage: coverage, flows: flows, talkTo: talkTo, crossBorough: crossBorough, concepts: concepts,
                    intents: intents, nounForms: nounForms, root: root)
        }
    }

    /// What happened, for tests and `--explain`-style diagnostics.
    public enum Source: Sendable, Equatable { case snapshot, yaml }

    /// Loads content for a command that reads it: from the snapshot when its key matches, else from
    /// YAML (and then, if the content is valid, writes a new snapshot). Invalid content is never
    /// stored, so the caller sees every error exactly as `ContentLoader.load` reports it.
    public static func load(from root: URL, programVersion: String, limits: ContentLimits = .standard,
                            cacheFolder: URL? = nil) -> (result: ContentLoader.Result, source: Source) {
        guard let key = key(for: root, programVersion: programVersion, limits: limits) else {
            return (ContentLoader.load(from: root, warnings: false, limits: limits), .yaml)
        }
        let places = locations(for: root, cacheFolder: cacheFolder)
        for place in places {
            if let content = read(place, key: key, root: root) {
                return (ContentLoader.Result(content: content, diagnostics: []), .snapshot)
            }
        }
        let result = ContentLoader.load(from: root, warnings: false, limits: limits)
        if result.isValid {
            for place in places where write(Payload(result.content), key: key, to: place) { break }
        }
        return (result, .yaml)
    }

    /// Beside the content first, then the user's cache folder.
    static func locations(for root: URL, cacheFolder: URL?) -> [URL] {
        var out = [root.appendingPathComponent(fileName)]
        let env = ProcessInfo.processInfo.environment
        var cache = cacheFolder
        if cache == nil {
            if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") {
                cache = URL(fileURLWithPath: x).appendingPathComponent("localoffer")
            } else if let home = env["HOME"], home.hasPrefix("/") {
                cache = URL(fileURLWithPath: home).appendingPathComponent(".cache/localoffer")
            }
        }
        if let cache {
            // One file per content folder, named by its path's checksum.
            let path = root.standardizedFileURL.path
            out.append(cache.appendingPathComponent("snapshot-\(String(Array(path.utf8).withUnsafeBytes { checksum($0) }, radix: 16)).bin"))
        }
        return out
    }

    /// The key: version, executable and every file the loader reads, one line each. Nil when the
    /// folder cannot be listed (then the loader reports why, from YAML).
    static func key(for root: URL, programVersion: String, limits: ContentLimits) -> [UInt8]? {
        var text = "version \(programVersion)\n"
        if let exe = stamp("/proc/self/exe") { text += "program \(exe)\n" }
        guard let top = listing(root.path) else { return nil }
        var count = 0
        func add(_ rel: String, _ path: String) -> Bool {
            count += 1
            guard count <= limits.files + 16, let s = stamp(path) else { return false }
            text += "\(rel)\t\(s)\n"
            return true
        }
        // Not the root folder's own times: writing the snapshot beside the content changes them.
        for name in top where isYAML(name) {
            guard add(name, root.path + "/" + name) else { return nil }
        }
        for folder in ["services", "guides", "flows", "glossary"] {
            let dir = root.path + "/" + folder
            guard stamp(dir) != nil else { text += "\(folder)\tabsent\n"; continue }
            guard add(folder, dir), let names = listing(dir) else { return nil }
            for name in names where isYAML(name) {
                guard add(folder + "/" + name, dir + "/" + name) else { return nil }
            }
        }
        return Array(text.utf8)
    }

    static func isYAML(_ name: String) -> Bool {
        !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }

    static func listing(_ path: String) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
        return names.sorted()
    }

    /// Size, modification and change times (ns) and inode of a path, following links; nil if absent.
    static func stamp(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return "\(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec) \(st.st_ino)"
    }

    /// A 64-bit checksum, eight bytes at a time (a snapshot of a large directory is tens of
    /// megabytes): catches a truncated or damaged file. Not a defence against someone who can write
    /// the content folder, who could change the YAML itself.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        func mix(_ w: UInt64) {
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        var i = 0
        while i + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift += 8
            i += 1
        }
        mix(tail)
        mix(0xC4CE_B9FE_1A85_EC53)
        return h
    }

    /// magic, key length (8 bytes), payload length (8), checksum of key and payload (8), key, payload
    /// (the payload in `BinaryCoding`'s form).
    static func encode(_ payload: Payload, key: [UInt8]) -> [UInt8]? {
        guard let body = try? BinaryCoding.encode(payload) else { return nil }
        var out = magic
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u64(UInt64(key.count))
        u64(UInt64(body.count))
        let sum = (key + body).withUnsafeBytes { checksum($0) }
        u64(sum)
        out += key
        out += body
        return out
    }

    static func decode(_ data: UnsafeRawBufferPointer, key: [UInt8], root: URL) -> Content? {
        let header = magic.count + 24
        guard data.count >= header, data.prefix(magic.count).elementsEqual(magic) else { return nil }
        func u64(at offset: Int) -> UInt64 {
            UInt64(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let keyLength = u64(at: magic.count), bodyLength = u64(at: magic.count + 8), sum = u64(at: magic.count + 16)
        // Lengths are checked against what is there before any arithmetic can overflow.
        guard keyLength == UInt64(key.count), bodyLength <= UInt64(data.count),
              UInt64(header) + keyLength + bodyLength == UInt64(data.count) else { return nil }
        let keyEnd = header + key.count
        guard data[header..<keyEnd].elementsEqual(key) else { return nil }
        guard checksum(UnsafeRawBufferPointer(rebasing: data[header...])) == sum else { return nil }
        guard let payload = try? BinaryCoding.decode(Payload.self, from: UnsafeRawBufferPointer(rebasing: data[keyEnd...])) else {
            return nil
        }
        return payload.content(root: root)
    }

    static func read(_ url: URL, key: [UInt8], root: URL) -> Content? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0, st.st_size <= maxBytes,
              let size = Int(exactly: st.st_size) else { return nil }
        // Read straight into one buffer (no zero-filling, no copy), decoded in place.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return nil }
        var total = 0
        while total < size {
            let n = Glibc.read(fd, base + total, size - total)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            total += n
        }
        // A file that grew since fstat is not the one measured: ignored.
        var extra: UInt8 = 0
        guard total == size, Glibc.read(fd, &extra, 1) == 0 else { return nil }
        return decode(UnsafeRawBufferPointer(buffer), key: key, root: root)
    }

    /// Atomically: a temporary file in the same folder, then renamed over the old snapshot.
    static func write(_ payload: Payload, key: [UInt8], to url: URL) -> Bool {
        let dir = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        guard access(dir.path, W_OK) == 0, let data = encode(payload, key: key) else { return false }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: tmp.path, contents: Data(data), attributes: [.posixPermissions: 0o644]) else {
            return false
        }
        guard rename(tmp.path, url.path) == 0 else {
            unlink(tmp.path)
            return false
        }
        return true
    }
}
