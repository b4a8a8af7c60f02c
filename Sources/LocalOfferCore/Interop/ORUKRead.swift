import Foundation

extension ORUKImport {
    // MARK: - Reading a feed

    /// Reads FILE: size bounded before anything is parsed.
    public static func read(file: URL, options: Options) -> (JSONValue?, Report) {
        var report = Report()
        func fail(_ m: String) -> (JSONValue?, Report) {
            report.failed = true
            report.problems.append(Problem(file: options.label, path: "", severity: .error, message: m))
            return (nil, report)
        }
        let attrs = try? FileManager.default.attributesOfItem(atPath: file.path)
        guard let size = (attrs?[.size] as? NSNumber)?.int64Value, attrs?[.type] as? FileAttributeType == .typeRegular else {
            return fail("cannot read the file (not a regular file)")
        }
        if size > Int64(Limits.feedBytes) { return fail(Limits.tooBigMessage(bytes: size)) }
        guard let data = try? Data(contentsOf: file, options: .mappedIfSafe) else { return fail("cannot read the file") }
        return parse(data: data, options: options)
    }

    public static func parse(data: Data, options: Options) -> (JSONValue?, Report) {
        var report = Report()
        func fail(_ m: String) -> (JSONValue?, Report) {
            report.failed = true
            report.problems.append(Problem(file: options.label, path: "", severity: .error, message: m))
            return (nil, report)
        }
        if data.count > Limits.feedBytes { return fail(Limits.tooBigMessage(bytes: Int64(data.count))) }
        switch JSONReader.parse(data) {
        case .failure(let f):
            return fail("not valid JSON at byte \(f.offset): \(f.message)")
        case .success(let (json, repairs, count)):
            for r in repairs {
                report.problems.append(Problem(file: options.label, path: r.path.isEmpty ? "$" : r.path, severity: .warning, message: "repaired: " + r.message))
            }
            if count > repairs.count {
                report.problems.append(Problem(file: options.label, path: "", severity: .warning,
                                               message: "repaired \(count - repairs.count) more places in the same ways"))
            }
            return (json, report)
        }
    }

    /// The records of a feed and the JSON path of each, or why the feed is not one.
    static func records(_ json: JSONValue) -> (records: [(String, JSONValue)], pageNote: String?)? {
        if case .array(let list) = json { return (list.enumerated().map { ("[\($0.offset)]", $0.element) }, nil) }
        guard json.isObject else { return nil }
        for key in ["contents", "content"] {
            if let list = json[key]?.array {
                var note: String?
                if case .number(let pages, _)? = json["total_pages"] ?? json["totalPages"], pages.isFinite, pages > 1 {
                    // Shown, never converted: a page count of 1e30 is only a number in a message.
                    let shown = pages < 1e9 ? String(format: "%.0f", pages) : "many"
                    note = "this is one page of \(shown): import every page (or the feed's address, to follow them) to hold the whole directory"
                }
                return (list.enumerated().map { ("\(key)[\($0.offset)]", $0.element) }, note)
            }
        }
        if json["name"] != nil || json["id"] != nil { return ([("", json)], nil) }
        return nil
    }
}

/// The bounds on a feed, each named in its refusal and listed in the README ("Limits").
public enum Limits {
    /// A feed file or page read at once.
    public static let feedBytes = 512 * 1024 * 1024
    /// Records in one feed (a page or a whole list).
    public static let records = 200_000
    /// Per service: service areas, locations, attributes (taxonomy terms), cost options, links.
    public static let areasPerService = 500
    public static let locationsPerService = 500
    public static let attributesPerService = 500
    public static let costOptionsPerService = 100
    /// From a URL: pages followed, bytes of one page, seconds for the whole fetch and for one page
    /// (its whole answer, and the most a server may stay silent), redirects for one page.
    public static let pages = 2_000
    public static let pageBytes = 64 * 1024 * 1024
    public static let fetchSeconds: Double = 600
    public static let requestSeconds: Double = 120
    public static let redirects = 5

    static func tooBigMessage(bytes: Int64) -> String {
        "the feed is \(bytes / 1_048_576) MB; the most read at once is \(feedBytes / 1_048_576) MB: split it into pages (a /services page of at most 50,000 services is about 300 MB) or import from the feed's address, which follows its pages"
    }
}
