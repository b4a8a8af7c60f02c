import ArgumentParser
import Foundation
import LocalOfferCore
import LocalOfferUI

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Search benchmark on N synthetic services built from the content.")
    @Option(help: "How many synthetic services.") var scale: Int = 100_000
    @Option(help: "How many queries.") var queries: Int = 200
    @OptionGroup var contentOptions: ContentOptions
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "Key presses timed on each screen of the navigator, on the same N services (0: skip).") var frames: Int = 200
    @Option(help: "Write the synthetic services as one ORUK 3.0 page to this file (to measure `import --oruk`).") var orukPage: String?

    func validate() throws {
        // Bounded, so a typo cannot ask for tens of gigabytes: one line, exit code 64.
        if scale < 1 || scale > 1_000_000 { throw ValidationError("--scale must be from 1 to 1000000") }
        if queries < 1 || queries > 1_000_000 { throw ValidationError("--queries must be from 1 to 1000000") }
        if frames < 0 || frames > 1_000_000 { throw ValidationError("--frames must be from 0 (skip) to 1000000") }
    }

    func run() throws {
        let content = try contentOptions.load()
        // Each phase's own peak RSS (VmHWM reset as it starts, read as it ends); the whole run's
        // peak from getrusage, which no reset touches.
        var peaks = Benchmark.PhasePeaks()
        let r = peaks.measure("index") { Benchmark.run(content: content, scale: scale, queryCount: queries) }
        let (f, screens) = peaks.measure("frames") { () -> (FrameBenchmark.Report?, [FrameBenchmark.ScreenReport]) in
            guard frames > 0 else { return (nil, []) }
            // Every screen, `frames` keys each, on the same N services.
            return (FrameBenchmark.run(content: content, scale: scale),
                    FrameBenchmark.runScreens(content: content, scale: scale, frames: frames))
        }
        // After the search figures (and their peak RSS) are taken: the page and its parse are large.
        let imp = try peaks.measure("import") { () throws -> (ms: Double, imported: Int) in
            let page = try ORUKBench.page(content: content, count: scale)
            if let orukPage { try page.write(to: URL(fileURLWithPath: orukPage)) }
            return ORUKBench.run(page: page)
        }
        // The same N services exported as `export --oruk` makes the feed (made, counted, not written).
        let exp = try peaks.measure("export") { () throws -> Benchmark.ExportRun in
            try Benchmark.export(content: Benchmark.syntheticContent(from: content, count: scale))
        }
        let phases = peaks.phases.map { ($0.name, $0.mb) }
        let rssPeak = max(Benchmark.runPeakRSSMB(), phases.map(\.1).max() ?? 0)
        // `rss_mb` keeps its meaning (the peak of the run) for scripts that read it.
        let rssWhole = rssPeak
        func r2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
        if json {
            Output.json([
                "services": r.services, "queries": r.queries, "index_build_ms": r2(r.indexBuildMs),
                "query_p50_us": r2(r.queryP50Us), "query_p99_us": r2(r.queryP99Us),
                "scan_p50_us": r2(r.scanP50Us), "scan_p99_us": r2(r.scanP99Us), "rss_mb": rssWhole,
                "rss_phases_mb": Dictionary(uniqueKeysWithValues: phases), "rss_peak_mb": rssPeak,
                "rss_phases_own_peaks": peaks.ownPeaks,
                "frame_screens": Dictionary(uniqueKeysWithValues: screens.map {
                    ($0.name, ["p50_us": r2($0.p50Us), "p99_us": r2($0.p99Us), "max_us": r2($0.maxUs), "keys": $0.keys,
                               "cpu_p50_us": r2($0.cpuP50Us), "cpu_p99_us": r2($0.cpuP99Us)] as [String: Any])
                }),
                "frame_keys_per_screen": frames,
                "speedup_p50": r2(r.speedupP50),
                "frame_services": f?.services ?? 0, "frame_p50_us": r2(f?.p50Us ?? 0), "frame_p99_us": r2(f?.p99Us ?? 0),
                "frame_max_us": r2(f?.maxUs ?? 0),
                "import_ms": r2(imp.ms), "import_services": imp.imported,
                "export_ms": r2(exp.ms), "export_services": exp.services, "export_bytes": exp.bytes,
            ])
            return
        }
        print("services \(r.services), queries \(r.queries)")
        print("index build   \(r2(r.indexBuildMs)) ms")
        print("query  p50 \(r2(r.queryP50Us)) µs   p99 \(r2(r.queryP99Us)) µs")
        print("scan   p50 \(r2(r.scanP50Us)) µs   p99 \(r2(r.scanP99Us)) µs   (speed-up at p50: \(r2(r.speedupP50))×)")
        print("peak RSS \(rssPeak) MB (\(peaks.ownPeaks ? "each phase's own peak" : "peak up to the end of each phase"): " + phases.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")")
        for s in screens {
            print("key to frame, \(s.name) (\(scale) services, \(s.keys) keys): p50 \(r2(s.p50Us)) µs   p99 \(r2(s.p99Us)) µs   max \(r2(s.maxUs)) µs"
                  + "   (CPU p50 \(r2(s.cpuP50Us)) µs, p99 \(r2(s.cpuP99Us)) µs)")
        }
        if let f { print("key to frame (\(f.services) services, \(f.keys) keys): p50 \(r2(f.p50Us)) µs   p99 \(r2(f.p99Us)) µs   max \(r2(f.maxUs)) µs") }
        print("import (ORUK page of \(imp.imported) services, parse + convert) \(r2(imp.ms)) ms")
        print("export (ORUK feed of \(exp.services) services, \(exp.files) files, \(exp.bytes) bytes, made and counted) \(r2(exp.ms)) ms")
        print("slowest: " + r.slowest.map { "\"\($0.query)\" \(r2($0.us)) µs" }.joined(separator: ", "))
    }
}
