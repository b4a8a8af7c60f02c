import Foundation

/// A JSON value the export writes: typed, its members in the order they are given (each builder
/// writes them in one fixed order, so nothing is sorted at run time). One service's worth at a
/// time: the feed itself is streamed, never held whole.
public indirect enum JSONOut: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONOut])
    case object([(String, JSONOut)])

    public static func == (a: JSONOut, b: JSONOut) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public subscript(key: String) -> JSONOut? {
        guard case .object(let m) = self else { return nil }
        return m.first { $0.0 == key }?.1
    }
    public var string: String? { if case .string(let s) = self { return s } else { return nil } }

    /// Pretty JSON in the layout of the feeds published so far (two spaces, `"key" : value`,
    /// slashes unescaped), so an unchanged entry keeps its bytes.
    public func write(into out: inout [UInt8], level: Int = 0) {
        switch self {
        case .null: out += Self.nullBytes
        case .bool(let b): out += b ? Self.trueBytes : Self.falseBytes
        case .int(let n): out += Array(String(n).utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += [0x5B, 0x5D]; return }
            out += [0x5B, 0x0A]
            for (k, item) in items.enumerated() {
                if k > 0 { out += [0x2C, 0x0A] }
                Self.indent(level + 1, &out)
                item.write(into: &out, level: level + 1)
            }
            out.append(0x0A); Self.indent(level, &out); out.append(0x5D)
        case .object(let members):
            if members.isEmpty { out += [0x7B, 0x7D]; return }
            out += [0x7B, 0x0A]
            for (k, m) in members.enumerated() {
                if k > 0 { out += [0x2C, 0x0A] }
                Self.indent(level + 1, &out)
                Self.writeString(m.0, into: &out)
                out += Self.colon
                m.1.write(into: &out, level: level + 1)
            }
            out.append(0x0A); Self.indent(level, &out); out.append(0x7D)
        }
    }

    /// A whole document: the value and one trailing newline.
    public var document: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        out.append(0x0A)
        return out
    }

    static let nullBytes = Array("null".utf8), trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)
    static let colon = Array(" : ".utf8)
    static func indent(_ level: Int, _ out: inout [UInt8]) { for _ in 0..<level { out += [0x20, 0x20] } }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}

/// Where the feed's files go: a folder on disk (each file whole or absent, old feed replaced file by
/// file), or memory (tests). Pages are streamed: begun, appended to item by item, ended.
public protocol FeedSink {
    mutating func put(_ path: String, _ bytes: [UInt8]) throws
    mutating func begin(_ path: String) throws
    mutating func append(_ bytes: [UInt8]) throws
    mutating func end() throws
}

/// The feed in memory, by path: what tests compare.
struct MemoryFeed: FeedSink {
    public var files: [String: Data] = [:]
    var open: (String, [UInt8])?
    public init() {}
    public mutating func put(_ path: String, _ bytes: [UInt8]) throws { files[path] = Data(bytes) }
    mutating func begin(_ path: String) throws { open = (path, []) }
    public mutating func append(_ bytes: [UInt8]) throws { open?.1 += bytes }
    public mutating func end() throws {
        if let (p, b) = open { files[p] = Data(b) }
        open = nil
    }
}

/// The feed in a folder. Each file is written beside its target under a hidden name and renamed
/// into place, so a web server serves the old file or the new one, never half; an unchanged file
/// is left alone (caches and mtimes stay); `finish` deletes the services of entries since removed.
public final class FolderFeed: FeedSink {
    let dir: URL
    static let folders = ["services", "service_at_locations", "taxonomies", "taxonomy_terms"]
    private var written: [String: Set<String>] = [:]
    private var stream: (path: String, tmp: String, fd: Int32, buffer: [UInt8])?

    public init(_ dir: URL) throws {
        self.dir = dir
        for f in Self.folders { try FileManager.default.createDirectory(at: dir.appendingPathComponent(f), withIntermediateDirectories: true) }
    }

    func note(_ path: String) {
        if let slash = path.firstIndex(of: "/") { written[String(path[..<slash]), default: []].insert(String(path[path.index(after: slash)...])) }
    }

    public func put(_ path: String, _ bytes: [UInt8]) throws {
        note(path)
        let url = dir.appendingPathComponent(path)
        if SameBytes.file(url.path, equals: bytes) { return }
        try AtomicFile.write(Data(bytes), to: url)
    }

    public func begin(_ path: String) throws {
        note(path)
        let url = dir.appendingPathComponent(path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))").path
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path]) }
        stream = (path, tmp, fd, [])
    }

    public func append(_ bytes: [UInt8]) throws {
        guard stream != nil else { return }
        stream?.buffer += bytes
        if (stream?.buffer.count ?? 0) >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard let s = stream else { return }
        if !AtomicFile.writeAll(s.fd, s.buffer) {
            close(s.fd); unlink(s.tmp); stream = nil
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: dir.appendingPathComponent(s.path).path])
        }
        stream?.buffer.removeAll(keepingCapacity: true)
    }

    public func end() throws {
        try flush()
        guard let s = stream else { return }
        stream = nil
        let url = dir.appendingPathComponent(s.path)
        guard close(s.fd) == 0 else { unlink(s.tmp); throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        // The same bytes as the page already published: keep the old file. Compared piece by
        // piece: at 100,000 services the old and new pages are hundreds of megabytes each.
        if SameBytes.file(s.tmp, equalsFile: url.path) {
            unlink(s.tmp)
            return
        }
        guard rename(s.tmp, url.path) == 0 else { unlink(s.tmp); throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
    }

    /// Services (and the rest) no longer in the feed are removed, so it never keeps a ghost.
    public func finish() {
        let fm = FileManager.default
        for f in Self.folders {
            let sub = dir.appendingPathComponent(f)
            let keep = written[f] ?? []
            for name in (try? fm.contentsOfDirectory(atPath: sub.path)) ?? []
            where name.hasSuffix(".json") && !keep.contains(name) && UUID(uuidString: String(name.dropLast(5))) != nil {
                try? fm.removeItem(at: sub.appendingPathComponent(name))
            }
        }
    }
}

/// Whether a file already holds given bytes, read in pieces through one small buffer: an old page of
/// hundreds of megabytes is compared without being held or mapped whole (a mapped page counts in
/// the export's resident memory), and a file that differs stops at its first differing piece.
enum SameBytes {
    static let piece = 1 << 16

    /// The regular file at `path` holds exactly `bytes`.
    static func file(_ path: String, equals bytes: [UInt8]) -> Bool {
        withOpen(path, size: bytes.count) { fd in
            var buffer = [UInt8](repeating: 0, count: piece)
            var off = 0
            while off < bytes.count {
                let want = min(piece, bytes.count - off)
                guard readFull(fd, &buffer, want), equal(buffer, 0, bytes, off, want) else { return false }
                off += want
            }
            var extra: UInt8 = 0
            return read(fd, &extra, 1) == 0
        }
    }

    /// The regular files at `a` and `b` hold the same bytes.
    static func file(_ a: String, equalsFile b: String) -> Bool {
        var st = stat()
        guard stat(b, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, let size = Int(exactly: st.st_size) else { return false }
        return withOpen(a, size: size) { fa in
            withOpen(b, size: size) { fb in
                var x = [UInt8](repeating: 0, count: piece), y = [UInt8](repeating: 0, count: piece)
                var left = size
                while left > 0 {
                    let want = min(piece, left)
                    guard readFull(fa, &x, want), readFull(fb, &y, want), equal(x, 0, y, 0, want) else { return false }
                    left -= want
                }
                // Nothing more in either: a file that grew meanwhile is not the same.
                var extra: UInt8 = 0
                return read(fa, &extra, 1) == 0 && read(fb, &extra, 1) == 0
            }
        }
    }

    /// `count` bytes of `a` from `i` are those of `b` from `j` (false if either is too short).
    static func equal(_ a: [UInt8], _ i: Int, _ b: [UInt8], _ j: Int, _ count: Int) -> Bool {
        guard count > 0 else { return true }
        guard i >= 0, j >= 0, a.count - i >= count, b.count - j >= count else { return false }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                guard let px = x.baseAddress, let py = y.baseAddress else { return false }
                return memcmp(px + i, py + j, count) == 0
            }
        }
    }

    /// `body` on the open file, if it is a regular file of `size` bytes; false otherwise.
    static func withOpen(_ path: String, size: Int, _ body: (Int32) -> Bool) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(exactly: st.st_size) == size else { return false }
        return body(fd)
    }

    /// Exactly `count` bytes into the front of `buffer` (retrying short reads and interrupts), or false.
    static func readFull(_ fd: Int32, _ buffer: inout [UInt8], _ count: Int) -> Bool {
        var got = 0
        return buffer.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress, count <= raw.count else { return false }
            while got < count {
                let n = read(fd, base + got, count - got)
                if n == 0 { return false }
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                got += n
            }
            return true
        }
    }
}
