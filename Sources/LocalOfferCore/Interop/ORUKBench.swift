import Foundation

/// The import half of `bench`: the synthetic directory written as one ORUK 3.0 page, then read back
/// the way `import --oruk` reads a council's feed (parse, check, convert to entry YAML), without disk.
public enum ORUKBench {
    /// The synthetic services as one `/services` page. Areas alternate between the two boroughs and
    /// "both", so every branch of the conversion runs.
    public static func page(content: Content, count: Int) throws -> Data {
        let docs = Benchmark.syntheticDocuments(from: content, count: count)
        var items: [[String: Any]] = []
        items.reserveCapacity(docs.count)
        for (i, d) in docs.enumerated() {
            let id = UUIDv5.string("bench/\(i)")
            var s: [String: Any] = [
                "id": id, "name": d.title, "status": "active",
                "description": d.summary + "\n\n" + d.body,
                "minimum_age": d.ages.lowerBound, "maximum_age": d.ages.upperBound,
                "assured_date": "2026-11-01",
            ]
            let boroughs: [Borough] = i % 3 == 2 ? Borough.allCases : [Borough.allCases[i % 2]]
            s["service_areas"] = boroughs.map { b in
                ["id": UUIDv5.string("bench/\(i)/\(b.rawValue)"), "extent": ORUK.onsCode(b), "extent_type": "ons_gss",
                 "name": b.fullName] as [String: Any]
            }
            items.append(s)
        }
        return try ORUK.json(ORUK.page(items))
    }

    /// Milliseconds to parse and convert the page; the count converted, to show nothing was dropped.
    public static func run(page: Data) -> (ms: Double, imported: Int) {
        let options = ORUKImport.Options(label: "bench.json")
        let t0 = DispatchTime.now().uptimeNanoseconds
        let (json, _) = ORUKImport.parse(data: page, options: options)
        var bytes = 0
        let report = json.map { ORUKImport.convert($0, options: options, existing: .init()) { bytes &+= $0.yaml.utf8.count } }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        _ = bytes
        return (ms, report?.imported ?? 0)
    }
}
