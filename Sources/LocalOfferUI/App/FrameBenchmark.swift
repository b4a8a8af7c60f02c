import Foundation
import LocalOfferCore

/// From a key to the finished frame: update, view and the diff the backend would draw, on a
/// directory of N services made from the real content.
public enum FrameBenchmark {
    public struct Report: Sendable {
        public var services: Int
        public var keys: Int
        public var p50Us: Double
        public var p99Us: Double
        public var maxUs: Double
    }

    public static func syntheticContent(from content: Content, count: Int) -> Content {
        let base = content.entries.filter { $0.kind == .service }
        guard !base.isEmpty else { return content }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for i in 0..<count {
            var e = base[i % base.count]
            e.id = "\(e.id)-\(i)"
            e.title = "\(e.title) \(i / base.count + 1)"
            e.related = []
            entries.append(e)
        }
        return Content(entries: entries, glossary: content.glossary, categories: content.categories, routes: content.routes,
                       postcodes: content.postcodes, coverage: [], flows: content.flows, root: content.root)
    }

    public static func run(content: Content, scale: Int) -> Report {
        let big = syntheticContent(from: content, count: scale)
        var state = AppState(content: big, config: AppConfig(mode: .family, theme: .standard))
        state.update(.resize(width: 80, height: 24))
        state.session.profile = Profile(borough: .richmond, age: 7, status: .senSupport)
        var previous = state.view()
        var times: [Double] = []
        let script: [Event] = Array("speech therapy").map { .text($0) } + [.key(.down), .key(.down), .key(.enter), .key(.pageDown), .key(.escape)]
            + Array(repeating: Event.key(.backspace), count: 14) + Array("schoool transprot").map { .text($0) }
            + [.key(.escape), .key(.escape)] + Array("respite for my son").map { .text($0) }
        for event in script {
            let t0 = DispatchTime.now().uptimeNanoseconds
            state.update(event)
            let frame = state.view()
            let changes = frame.changes(from: previous)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e3)
            previous = frame
            _ = changes.count
        }
        return Report(services: scale, keys: times.count, p50Us: Benchmark.percentile(times, 0.5),
                      p99Us: Benchmark.percentile(times, 0.99), maxUs: times.max() ?? 0)
    }
}
