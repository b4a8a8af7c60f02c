import Foundation

/// A JSON value read from a council's feed. Our own reader rather than `JSONSerialization`: one pass,
/// linear in the bytes, with the nesting bounded; numbers kept as checked `Double`s (with their text)
/// so a huge number is a value to refuse, never a trap; raw control characters inside strings
/// accepted (the validator's own parser accepts them) and reported as repairs; and a tree a tenth the
/// size of Foundation's, so a feed of many attributes does not take hundreds of megabytes.
public indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The value, and the number as written (ids like `1` or `00123` are kept as written).
    case number(Double, String)
    case string(String)
    case array([JSONValue])
    /// Members in feed order, each key once: a repeated key's last value counts (as in most readers),
    /// in the place of its first.
    case object([(String, JSONValue)])

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        // From the end: the last of a repeated key wins. Objects in feeds are small; a hostile one
        // with many keys is bounded by the feed's size and read a fixed number of times.
        for m in members.reversed() where m.0 == key { return m.1 }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    var array: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    var isNull: Bool { if case .null = self { return true } else { return false } }
    var isObject: Bool { if case .object = self { return true } else { return false } }

    /// What kind of value this is, for messages: "a number", "a list", …
    public var kind: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number: return "a number"
        case .string: return "text"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

/// The reader. Errors carry the byte offset; repairs (a raw control character inside a string, bytes
/// that are not UTF-8) carry the JSON path where they were made, so the warning names it.
struct JSONReader {
    struct Failure: Error, Sendable { public var offset: Int; public var message: String }
    struct Repair: Sendable { public var path: String; public var message: String }

    static let maxDepth = 64
    /// Distinct keys of one object: a service has dozens; more is not a directory record.
    static let maxMembers = 10_000

    private let bytes: UnsafeRawBufferPointer
    private var i = 0
    private var path: [PathPart] = []
    /// Repairs made, at most `maxRepairsKept` kept with their path; `repairCount` counts them all.
    private(set) var repairs: [Repair] = []
    private(set) var repairCount = 0
    static let maxRepairsKept = 20

    enum PathPart { case key(String), index(Int) }

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Parses a whole document.
    public static func parse(_ data: Data) -> Result<(JSONValue, [Repair], Int), Failure> {
        data.withUnsafeBytes { raw in
            var r = JSONReader(raw)
            do {
                // A byte-order mark at the start is tolerated.
                if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { r.i = 3 }
                r.skipSpace()
                let v = try r.value(depth: 0)
                r.skipSpace()
                if r.i < raw.count { throw Failure(offset: r.i, message: "more text after the JSON value") }
                return .success((v, r.repairs, r.repairCount))
            } catch let f as Failure {
                return .failure(f)
            } catch {
                return .failure(Failure(offset: r.i, message: "unreadable"))
            }
        }
    }

    static func render(_ parts: [PathPart]) -> String {
        var out = ""
        for p in parts {
            switch p {
            case .key(let k):
                let simple = !k.isEmpty && k.utf8.count <= 64 && k.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
                if simple { out += out.isEmpty ? k : "." + k } else { out += "[\"" + Sanitize.oneLine(String(k.prefix(40))) + "\"]" }
            case .index(let n): out += "[\(n)]"
            }
        }
        return out
    }

    private mutating func repaired(_ message: String) {
        repairCount += 1
        if repairs.count < Self.maxRepairsKept { repairs.append(Repair(path: Self.render(path), message: message)) }
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { break }
        }
    }

    private func fail(_ m: String) -> Failure { Failure(offset: i, message: m) }

    private mutating func value(depth: Int) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw fail("the JSON nests more than \(Self.maxDepth) levels deep: not a directory feed") }
        guard i < bytes.count else { throw fail("the JSON ends early") }
        switch bytes[i] {
        case 0x7B: // {
            i += 1
            var members: [(String, JSONValue)] = []
            // Past a few members, where each key is: a repeated key replaces the earlier member,
            // so an object is never longer than its distinct keys and a lookup stays cheap.
            var index: [String: Int] = [:]
            skipSpace()
            if i < bytes.count, bytes[i] == 0x7D { i += 1; return .object(members) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x22 else { throw fail("expected a key in quotes") }
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x3A else { throw fail("expected ':' after a key") }
                i += 1
                skipSpace()
                path.append(.key(key))
                let v = try value(depth: depth + 1)
                path.removeLast()
                if members.count >= 16 && index.isEmpty {
                    for (k, m) in members.enumerated() { index[m.0] = k }
                }
                if !index.isEmpty, let at = index[key] {
                    members[at].1 = v
                } else if members.count < 16, let at = members.firstIndex(where: { $0.0 == key }) {
                    members[at].1 = v
                } else {
                    guard members.count < Self.maxMembers else {
                        throw fail("an object with more than \(Self.maxMembers) keys at \(Self.render(path)): not a directory feed")
                    }
                    if !index.isEmpty || members.count >= 16 { index[key] = members.count }
                    members.append((key, v))
                }
                skipSpace()
                guard i < bytes.count else { throw fail("the JSON ends inside an object") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { i += 1; return .object(members) }
                throw fail("expected ',' or '}'")
            }
        case 0x5B: // [
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x5D { i += 1; return .array(items) }
            while true {
                skipSpace()
                path.append(.index(items.count))
                let v = try value(depth: depth + 1)
                path.removeLast()
                items.append(v)
                skipSpace()
                guard i < bytes.count else { throw fail("the JSON ends inside a list") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x5D { i += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        case 0x22: return .string(try string())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        case 0x2D, 0x30...0x39: return try number()
        default: throw fail("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw fail("unexpected end") }
        let p = word.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { throw fail("unexpected word") }
        i += n
    }

    private mutating func number() throws -> JSONValue {
        let start = i
        if bytes[i] == 0x2D { i += 1 }
        var digits = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1; digits += 1 }
        guard digits > 0 else { throw fail("a number needs digits") }
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            var frac = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1; frac += 1 }
            guard frac > 0 else { throw fail("a number needs digits after '.'") }
        }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            var exp = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1; exp += 1 }
            guard exp > 0 else { throw fail("a number needs digits in its exponent") }
        }
        // Bounded: a number longer than this is refused where it is used, as text too long to be one.
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<min(i, start + 64)]), as: UTF8.self)
        // Double(String) saturates to ±infinity past the range: a value the user of the field refuses.
        let v = i - start > 64 ? Double.infinity : (Double(text) ?? .nan)
        return .number(v, text)
    }

    private mutating func string() throws -> String {
        i += 1  // the opening quote
        let start = i
        // Fast path: no escapes, no raw controls, ASCII or valid UTF-8.
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
                i += 1
                if let s = String(validating: slice, as: UTF8.self) { return s }
                repaired("bytes that are not UTF-8 were read as U+FFFD")
                return String(decoding: slice, as: UTF8.self)
            }
            if b == 0x5C || b < 0x20 { break }
            i += 1
        }
        var out: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
        var rawControls = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                i += 1
                if rawControls > 0 { repaired("\(rawControls) raw control character\(rawControls == 1 ? "" : "s") inside text read as if escaped") }
                if let s = String(validating: out, as: UTF8.self) { return s }
                repaired("bytes that are not UTF-8 were read as U+FFFD")
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { rawControls += 1; out.append(b); i += 1; continue }
            if b != 0x5C { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var u = try hex4()
                if (0xD800...0xDBFF).contains(u) {
                    // A high surrogate wants its low half next; alone it is not a character.
                    if i + 6 <= bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = save
                            u = 0xFFFD
                            repaired("a lone UTF-16 surrogate was read as U+FFFD")
                        }
                    } else {
                        u = 0xFFFD
                        repaired("a lone UTF-16 surrogate was read as U+FFFD")
                    }
                } else if (0xDC00...0xDFFF).contains(u) {
                    u = 0xFFFD
                    repaired("a lone UTF-16 surrogate was read as U+FFFD")
                }
                let scalar = Unicode.Scalar(u) ?? "\u{FFFD}"
                UTF8.encode(scalar) { out.append($0) }
            default:
                throw Failure(offset: i - 1, message: "unknown escape '\\\(Character(Unicode.Scalar(e)))' in text")
            }
        }
        throw Failure(offset: start - 1, message: "text that never ends (no closing quote)")
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("\\u needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail("\\u needs four hex digits")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}
