import Foundation
import Yams

/// Reads one YAML file into Yams nodes, turning every kind of bad input into a located diagnostic.
struct YAMLFile {
    let path: String          // relative to the content folder, for messages
    let root: Node

    static func read(url: URL, relativePath: String, sink: DiagnosticSink, limits: ContentLimits = .standard) -> YAMLFile? {
        let start = SourceLocation(file: relativePath, line: 1, column: 1)
        let data: Data
        switch BoundedFile.read(url.path, limit: limits.fileBytes) {
        case .success(let d): data = d
        case .failure(.unreadable(let why)):
            sink.error(start, "cannot read the file (\(why))")
            return nil
        case .failure(.notRegular):
            sink.error(start, "not a regular file (a folder, device or pipe): content files are plain text files")
            return nil
        case .failure(.tooLarge(let size)):
            sink.error(start, "the file is \(size) bytes; the limit is \(limits.fileBytes) (split it)")
            return nil
        }
        // One pass over the raw bytes: blank, or holding a NUL (binary)?
        let (blank, nul) = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (Bool, Int?) in
            var blank = true
            for (i, b) in raw.enumerated() {
                if b == 0 { return (false, i) }
                if blank && !(b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) { blank = false }
            }
            return (blank, nil)
        }
        if blank {
            sink.error(start, "the file is empty")
            return nil
        }
        if let nul {
            sink.error(location(ofByte: data.startIndex + nul, in: data, file: relativePath), "the file is binary (it holds a NUL byte), not YAML text")
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let bad = firstInvalidUTF8(data) ?? 0
            let byte = String(format: "0x%02X", data[data.startIndex + bad])
            sink.error(location(ofByte: data.startIndex + bad, in: data, file: relativePath),
                       "the file is not valid UTF-8 (byte \(byte)); save it as UTF-8")
            return nil
        }
        // Before the composer sees it: anchors and aliases (an alias bomb expands exponentially),
        // too deep, too many values, too long a text, control characters.
        if let problem = YAMLPrescan.scan(data, limits: limits) {
            sink.error(SourceLocation(file: relativePath, line: problem.line, column: problem.column), problem.message)
            return nil
        }
        do {
            // The basic resolver: every scalar stays text and the decoder types it, so no regex runs per value.
            // The encoding is given: Yams' default reads it from the environment, copying the whole
            // process environment once a file (100,000 copies for an imported directory).
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                sink.error(start, "the file is empty (no YAML document)")
                return nil
            }
            if case .scalar(let s) = node, s.string.trimmed.isEmpty {
                sink.error(start, "the file is empty")
                return nil
            }
            return YAMLFile(path: relativePath, root: node)
        } catch let error as YamlError {
            if case let .duplicatedKeysInMapping(duplicates, _) = error {
                let (line, column, message) = duplicateKey(duplicates.first ?? "", text: text)
                sink.error(SourceLocation(file: relativePath, line: line, column: column), message)
                return nil
            }
            let (line, column, message) = describe(error)
            sink.error(SourceLocation(file: relativePath, line: line, column: column), message)
            return nil
        } catch {
            sink.error(start, "cannot parse YAML: \(error)")
            return nil
        }
    }

    /// The name of the file at `path` without its `.yaml` or `.yml`: the id an entry or flow in it must have.
    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
        return name
    }

    static func describe(_ error: YamlError) -> (Int?, Int?, String) {
        func explain(_ problem: String, _ context: YamlError.Context?) -> String {
            var msg = "YAML syntax: \(problem)"
            if let context { msg += " \(context.text)" }
            if problem.contains("cannot start any token") {
                msg += " (a tab used for indentation? YAML needs spaces)"
            }
            return msg
        }
        switch error {
        case let .scanner(context, problem, mark, _):
            return (mark.line, mark.column, explain(problem, context))
        case let .parser(context, problem, mark, _):
            // An unclosed bracket is found only where the next line starts: name the line that opened it.
            if let context, context.text.contains("flow sequence") || context.text.contains("flow mapping") {
                let bracket = context.text.contains("sequence") ? "[" : "{"
                return (context.mark.line, context.mark.column,
                        "YAML syntax: this '\(bracket)' is never closed (\(problem), line \(mark.line))")
            }
            return (mark.line, mark.column, explain(problem, context))
        case let .composer(context, problem, mark, _):
            return (mark.line, mark.column, explain(problem, context))
        case let .reader(problem, _, _, _):
            return (1, 1, "YAML reader: \(problem)")
        default:
            return (1, 1, "YAML: \(error)")
        }
    }

    /// Yams reports duplicate keys with the whole document as context; find the second occurrence instead.
    static func duplicateKey(_ key: String, text: String) -> (Int, Int, String) {
        var seen: [Int: Int] = [:]  // indentation → count
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if body.hasPrefix(key + ":") {
                seen[indent, default: 0] += 1
                if seen[indent] == 2 { return (i + 1, indent + 1, "duplicate key '\(key)'") }
            }
        }
        return (1, 1, "duplicate key '\(key)'")
    }

    static func location(ofByte index: Data.Index, in data: Data, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for i in data.startIndex..<index {
            if data[i] == 0x0A {
                line += 1
                column = 1
            } else if data[i] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    static func firstInvalidUTF8(_ data: Data) -> Int? {
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let need: Int
            if b < 0x80 { need = 0 } else if b & 0xE0 == 0xC0 { need = 1 } else if b & 0xF0 == 0xE0 { need = 2 } else if b & 0xF8 == 0xF0 { need = 3 } else { return i }
            if i + need >= bytes.count && need > 0 { return i }
            for k in 0..<need where bytes[i + 1 + k] & 0xC0 != 0x80 { return i }
            i += need + 1
        }
        return nil
    }
}

/// A mapping node with located, typed accessors. Every wrong shape becomes a diagnostic, never a crash.
struct YMap {
    let node: Node
    let file: String
    let sink: DiagnosticSink
    let context: String
    /// Where to point when something is missing: the key that introduced this mapping.
    var anchor: SourceLocation?
    private(set) var pairs: [(key: String, keyNode: Node, value: Node)] = []
    /// Each key's place in `pairs`: a lookup is a hash, not a walk copying every pair before it.
    private var index: [String: Int] = [:]

    init?(_ node: Node, file: String, sink: DiagnosticSink, context: String) {
        self.node = node
        self.file = file
        self.sink = sink
        self.context = context
        guard case .mapping(let mapping) = node else {
            sink.error(YMap.loc(node, file), "\(context.isEmpty ? "this" : "'\(context)'") must be a mapping (key: value lines), not \(YMap.shape(node))")
            return nil
        }
        for (k, v) in mapping {
            let key = k.string ?? ""
            if let first = index[key] {
                sink.error(YMap.loc(k, file), "duplicate key '\(key)' (first at line \(YMap.loc(pairs[first].keyNode, file).line ?? 0))")
                continue
            }
            index[key] = pairs.count
            pairs.append((key, k, v))
        }
    }

    static func loc(_ node: Node, _ file: String) -> SourceLocation {
        if let mark = node.mark {
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        return SourceLocation(file: file, line: 1, column: 1)
    }

    static func shape(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "an empty value" : "the text '\(s.string.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    var location: SourceLocation { YMap.loc(node, file) }
    func loc(_ node: Node) -> SourceLocation { YMap.loc(node, file) }
    func path(_ key: String) -> String { context.isEmpty ? key : "\(context).\(key)" }

    func value(_ key: String) -> Node? {
        guard let i = index[key] else { return nil }
        let v = pairs[i].value
        if case .scalar(let s) = v, s.style == .plain, s.string.isEmpty || s.string == "~" || s.string == "null" || s.string == "Null" || s.string == "NULL" { return nil }
        return v
    }
    func keyNode(_ key: String) -> Node? { index[key].map { pairs[$0].keyNode } }
    func has(_ key: String) -> Bool { value(key) != nil }

    func missing(_ key: String) {
        sink.error(anchor ?? location, "missing required field '\(path(key))'")
    }

    func warnUnknownKeys(_ allowed: Set<String>) {
        for p in pairs where !allowed.contains(p.key) {
            sink.warning(loc(p.keyNode), "unknown field '\(path(p.key))' (ignored; see content/README.md)")
        }
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let v = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let s) = v else {
            sink.error(loc(v), "'\(path(key))' must be text, not \(YMap.shape(v))")
            return nil
        }
        let text = s.string.trimmed
        if text.isEmpty {
            if required { sink.error(loc(v), "'\(path(key))' is empty") }
            return nil
        }
        return text
    }

    func int(_ key: String, required: Bool = false) -> Int? {
        guard let v = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let s) = v, let n = Int(s.string.trimmed) else {
            sink.error(loc(v), "'\(path(key))' must be a whole number, not \(YMap.shape(v))")
            return nil
        }
        return n
    }

    func bool(_ key: String) -> Bool? {
        guard let v = value(key) else { return nil }
        if case .scalar(let s) = v {
            switch s.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        sink.error(loc(v), "'\(path(key))' must be true or false, not \(YMap.shape(v))")
        return nil
    }

    func list(_ key: String, required: Bool = false) -> [Node]? {
        guard let v = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .sequence(let seq) = v else {
            sink.error(loc(v), "'\(path(key))' must be a list, not \(YMap.shape(v))")
            return nil
        }
        return Array(seq)
    }

    /// A list of text items; also accepts a single text for convenience.
    func strings(_ key: String, required: Bool = false) -> [String] {
        if let v = value(key), case .scalar(let s) = v {
            let t = s.string.trimmed
            return t.isEmpty ? [] : [t]
        }
        guard let items = list(key, required: required) else { return [] }
        var out: [String] = []
        for item in items {
            guard case .scalar(let s) = item else {
                sink.error(loc(item), "each item of '\(path(key))' must be text, not \(YMap.shape(item))")
                continue
            }
            let t = s.string.trimmed
            if !t.isEmpty { out.append(t) }
        }
        return out
    }

    /// A list of text items paired with where each was written, for reference checks.
    func located(_ key: String) -> [(String, SourceLocation)] {
        guard let v = value(key) else { return [] }
        if case .scalar = v { return strings(key).map { ($0, loc(v)) } }
        guard case .sequence(let seq) = v else { _ = strings(key); return [] }
        return seq.compactMap { item in
            guard case .scalar(let s) = item else { return nil }
            return (s.string.trimmed, loc(item))
        }
    }

    func map(_ key: String, required: Bool = false) -> YMap? {
        guard let v = value(key) else {
            if required { missing(key) }
            return nil
        }
        var m = YMap(v, file: file, sink: sink, context: path(key))
        m?.anchor = keyNode(key).map(loc)
        return m
    }
}

extension String {
    /// Leading and trailing white space removed, without Foundation's CharacterSet machinery.
    var trimmed: String {
        // Most values begin and end with a visible ASCII byte: nothing to trim, no Unicode tables asked.
        if let a = utf8.first, let z = utf8.last, a > 0x20 && a < 0x7F && z > 0x20 && z < 0x7F { return self }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        guard let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        if first == startIndex && last == index(before: endIndex) { return self }
        return String(self[first...last])
    }
}
