import Foundation
// The libyaml that Yams is built on, used directly for one thing Yams does not offer: reading the
// event stream without building a tree. That lets anchors, aliases, depth, node count and string
// length be refused before anything is expanded or recursed over.
import CYaml
#if canImport(Glibc)
import Glibc
#endif

/// How much content one folder may hold. Every limit breached is a located error, never a hang:
/// a kiosk picks content up unattended, so a hostile or broken file must fail fast.
public struct ContentLimits: Sendable {
    /// Bytes in one YAML file.
    var fileBytes = 1 << 20
    /// YAML files in the whole folder (services, guides, flows, glossary and the top-level tables).
    /// Room for a region's imported directory (100,000 services, one file each) two and a half
    /// times over; a kiosk stays protected by the per-file bounds below, which every file meets
    /// before it is parsed, and by this count, checked before any file is read.
    public var files = 250_000
    /// Scalars, lists and mappings in one file.
    var nodesPerFile = 300_000
    /// Lists and mappings inside one another. Real content needs fewer than ten.
    var depth = 32
    /// Bytes in one text value (a long description is a few thousand).
    var stringBytes = 32 * 1024

    public init() {}
    public static let standard = ContentLimits()
}

/// One pass over libyaml's events: linear in the file, no tree, no recursion.
enum YAMLPrescan {
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The first thing in `data` that content may not hold, or nil. A YAML syntax error is left to
    /// the composer (nil), which describes it better; a reader error (a control byte in the file)
    /// is reported here, because the composer can only place it at 1:1.
    static func scan(_ data: Data, limits: ContentLimits) -> Problem? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return Problem(line: 1, column: 1, message: "cannot start the YAML reader") }
        defer { yaml_parser_delete(&parser) }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Problem? in
            let bytes = raw.bindMemory(to: UInt8.self)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var depth = 0
            var nodes = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    if parser.error == YAML_READER_ERROR {
                        let offset = min(Int(parser.problem_offset), bytes.count)
                        let (line, column) = lineColumn(ofByte: offset, in: bytes)
                        let value = parser.problem_value
                        let what = value >= 0 && value <= 0x10FFFF ? Unicode.Scalar(UInt32(value)).map(Sanitize.describe) : nil
                        return Problem(line: line, column: column,
                                       message: "the file holds \(what ?? "a character") that YAML text cannot contain")
                    }
                    return nil
                }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                let column = Int(event.start_mark.column) + 1
                func problem(_ message: String) -> Problem { Problem(line: line, column: column, message: message) }
                var anchor: UnsafeMutablePointer<yaml_char_t>?
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                    return problem("YAML aliases ('*\(name.prefix(40))') are not allowed in content: write the value out in full")
                case YAML_SCALAR_EVENT:
                    nodes += 1
                    anchor = event.data.scalar.anchor
                    let length = event.data.scalar.length
                    if length > limits.stringBytes {
                        return problem("this text is \(length) bytes long; the limit is \(limits.stringBytes)")
                    }
                    if let value = event.data.scalar.value, length > 0,
                       let bad = forbidden(UnsafeBufferPointer(start: value, count: length)) {
                        return problem("this text holds \(Sanitize.describe(bad)); content may hold no control, bidi or zero-width characters")
                    }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    nodes += 1
                    depth += 1
                    anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    if depth > limits.depth {
                        return problem("lists and mappings are nested more than \(limits.depth) deep")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
                if let anchor {
                    return problem("YAML anchors ('&\(String(cString: anchor).prefix(40))') are not allowed in content: write the value out in full")
                }
                if nodes > limits.nodesPerFile {
                    return problem("the file holds more than \(limits.nodesPerFile) values; split it")
                }
            }
        }
    }

    /// Fast path for plain ASCII text; otherwise decodes and asks the sanitiser.
    static func forbidden(_ bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var suspicious = false
        for b in bytes where b < 0x20 || b >= 0x7F {
            if b == 0x09 || b == 0x0A { continue }
            suspicious = true
            break
        }
        guard suspicious else { return nil }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.first(where: Sanitize.isForbiddenInContent)
    }

    static func lineColumn(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1
        var column = 1
        for i in 0..<min(offset, bytes.count) {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

/// Reads a file with a size limit, refusing anything that is not a regular file: a FIFO or a device
/// named `x.yaml` would otherwise block the loader (and a kiosk) for ever.
enum BoundedFile {
    enum Failure: Error, Equatable {
        case unreadable(String)
        case notRegular
        case tooLarge(Int)
    }

    static func read(_ path: String, limit: Int) -> Result<Data, Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        if Int(st.st_size) > limit { return .failure(.tooLarge(Int(st.st_size))) }
        // The size can change between fstat and read: read at most limit + 1 bytes and check again.
        // The buffer starts at the file's size and one byte (to see that it grew), not at the limit:
        // a fresh, zeroed 1 MiB a file was most of the cost of reading 100,000 small files. A file
        // that grew since fstat is read on into a buffer doubled as needed, never past limit + 1.
        var data = Data(count: min(max(Int(st.st_size), 0), limit) + 1)
        var total = 0
        while true {
            if total == data.count {
                if total > limit { break }
                data.count = min(total * 2, limit + 1)
            }
            let n = data.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.read(fd, base + total, raw.count - total)
            }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            total += n
        }
        if total > limit { return .failure(.tooLarge(total)) }
        data.count = total
        return .success(data)
    }
}
