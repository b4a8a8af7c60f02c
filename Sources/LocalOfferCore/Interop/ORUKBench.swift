import Foundation

/// The import half of `bench`: the synthetic directory written as one ORUK 3.0 page, then read back
/// the way `import --oruk` reads a council's feed (parse, check, convert to entry YAML), without disk.
public enum ORUKBench {
    /// The synthetic services as one `/services` page. Areas alternate between the two boroughs and
    /// "both", so every branch of the conversion runs.
    public static func page(content: Content, count: Int) throws -> Data {
        let docs = Benchmark.syntheticDocuments(from: content, count: count)
        var out = ORUKExport.pageOpen(count: docs.count)
        for (i, d) in docs.enumerated() {
            let id = UUIDv5.string("bench/\(i)")
            let boroughs: [Borough] = i % 3 == 2 ? Borough.allCases : [Borough.allCases[i % 2]]
            let s = JSONOut.object([
                ("assured_date", .string("2026-11-01")), ("description", .string(d.summary + "\n\n" + d.body)), ("id", .string(id)),
                ("maximum_age", .int(d.ages.upperBound)), ("minimum_age", .int(d.ages.lowerBound)), ("name", .string(d.title)),
                ("service_areas", .array(boroughs.map { b in
                    .object([("extent", .string(ORUK.onsCode(b))), ("extent_type", .string("ons_gss")),
                             ("id", .string(UUIDv5.string("bench/\(i)/\(b.rawValue)"))), ("name", .string(b.fullName))])
                })),
                ("status", .string("active")),
            ])
            if i > 0 { out += [0x2C, 0x0A] }
            JSONOut.indent(2, &out)
            s.write(into: &out, level: 2)
        }
        out += ORUKExport.pageClose(count: docs.count)
        return Data(out)
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
