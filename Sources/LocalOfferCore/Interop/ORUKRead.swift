import Foundation

extension ORUKImport {
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

}
