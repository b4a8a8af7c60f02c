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

    public static func run(content: Content, scale: Int) -> Report {
        let big = Benchmark.syntheticContent(from: content, count: scale)
        var state = AppState(content: big, config: AppConfig(mode: .family, theme: .standard))
        state.update(.resize(width: 80, height: 24))
        state.session.profile = Profile(borough: .richmond, age: 7, status: .senSupport)
        let script: [Event] = Array("speech therapy").map { .text($0) } + [.key(.down), .key(.down), .key(.enter), .key(.pageDown), .key(.escape)]
            + Array(repeating: Event.key(.backspace), count: 14) + Array("schoool transprot").map { .text($0) }
            + [.key(.escape), .key(.escape)] + Array("respite for my son").map { .text($0) }
        let times = timeKeys(&state, script, count: script.count).wall
        return Report(services: scale, keys: times.count, p50Us: Benchmark.percentile(times, 0.5),
                      p99Us: Benchmark.percentile(times, 0.99), maxUs: times.max() ?? 0)
    }
}

extension FrameBenchmark {
    /// One screen's figures: a script of keys that belong to it, pressed `frames` times in turn.
    public struct ScreenReport: Sendable {
        public var name: String
        /// The key set live once the screen was reached (tests check the scenario reached its screen).
        public var context: String
        public var keys: Int
        public var p50Us: Double
        public var p99Us: Double
        public var maxUs: Double
        /// The same keys on this thread's CPU clock (see `timeKeys`).
        public var cpuP50Us: Double
        public var cpuP99Us: Double
    }

    /// How a screen is reached from home, and the keys then pressed on it (over and over).
    struct Scenario {
        var name: String
        var setUp: (inout AppState) -> Void
        var keys: [Event]
    }

    static func scenarios(_ content: Content) -> [Scenario] {
        let typed: (String) -> [Event] = { Array($0).map { Event.text($0) } }
        let firstFlow = content.flow("find-support") ?? content.flows.first
        return [
            Scenario(name: "home", setUp: { _ in }, keys: [.key(.down), .key(.down), .key(.up), .key(.up)]),
            Scenario(name: "results", setUp: { s in s.update(.text("s")) },
                     keys: typed("peech therapy") + [.key(.down), .key(.down), .key(.up)] + Array(repeating: .key(.backspace), count: 13)),
            Scenario(name: "entry", setUp: { s in
                for e in typed("speech therapy") + [.key(.enter)] { s.update(e) }
            }, keys: [.key(.down), .key(.down), .key(.pageDown), .key(.up), .key(.end), .key(.home)]),
            Scenario(name: "list", setUp: { s in s.update(.key(.alt("3"))) },
                     keys: [.key(.down), .key(.down), .key(.pageDown), .key(.end), .key(.up), .key(.home)]),
            Scenario(name: "flow_question", setUp: { s in
                if let f = firstFlow { s.startFlow(f.id) }
            }, keys: [.key(.down), .key(.up), .key(.enter), .key(.escape)]),
            Scenario(name: "flow_outcome", setUp: { s in
                if let f = firstFlow {
                    s.startFlow(f.id)
                    FlowAutopilot.answerAll(&s)
                }
            }, keys: [.key(.down), .key(.down), .key(.down), .key(.up), .key(.pageDown), .key(.pageUp), .text("a")]),
            Scenario(name: "glossary", setUp: { s in s.update(.key(.alt("5"))) },
                     keys: typed("ehc") + [.key(.down), .key(.up)] + Array(repeating: .key(.backspace), count: 3)),
            Scenario(name: "help", setUp: { s in s.update(.key(.function(1))) }, keys: [.key(.down), .key(.up)]),
        ]
    }

    /// Key to finished frame (update, view, the diff the backend draws) on every screen.
    public static func runScreens(content: Content, scale: Int, frames: Int) -> [ScreenReport] {
        let big = Benchmark.syntheticContent(from: content, count: scale)
        let engine = SearchEngine(content: big)
        var out: [ScreenReport] = []
        for sc in scenarios(big) {
            var state = AppState(content: big, engine: engine, config: AppConfig(mode: .family, theme: .standard))
            state.update(.resize(width: 80, height: 24))
            state.session.profile = Profile(borough: .kingston, age: 4, status: .senSupport)
            sc.setUp(&state)
            state.prepareFrame()
            let reached = state.keyContext.rawValue
            let (times, cpu) = timeKeys(&state, sc.keys, count: max(1, frames))
            out.append(ScreenReport(name: sc.name, context: reached, keys: times.count, p50Us: Benchmark.percentile(times, 0.5),
                                    p99Us: Benchmark.percentile(times, 0.99), maxUs: times.max() ?? 0,
                                    cpuP50Us: Benchmark.percentile(cpu, 0.5), cpuP99Us: Benchmark.percentile(cpu, 0.99)))
        }
        return out
    }
}

extension FrameBenchmark {
    /// The one timing loop: `count` keys from `keys` in turn, each timed from the key to the
    /// finished frame (update, view, and the diff the backend would draw), in microseconds: on the
    /// wall clock, and on this thread's CPU clock (what the frame cost, without the time another
    /// process held the core: on a loaded machine the wall clock's p99 is mostly that).
    static func timeKeys(_ state: inout AppState, _ keys: [Event], count: Int) -> (wall: [Double], cpu: [Double]) {
        guard !keys.isEmpty else { return ([], []) }
        var previous = state.view()
        var wall: [Double] = []
        var cpu: [Double] = []
        wall.reserveCapacity(count)
        cpu.reserveCapacity(count)
        for i in 0..<count {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let c0 = threadCPUNanoseconds()
            state.update(keys[i % keys.count])
            let frame = state.view()
            let changes = frame.changes(from: previous)
            cpu.append(Double(threadCPUNanoseconds() &- c0) / 1e3)
            wall.append(Double(DispatchTime.now().uptimeNanoseconds &- t0) / 1e3)
            previous = frame
            _ = changes.count
        }
        return (wall, cpu)
    }

    static func threadCPUNanoseconds() -> UInt64 {
        var ts = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0, ts.tv_sec >= 0, ts.tv_nsec >= 0 else { return 0 }
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
