import Foundation
import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

enum UIFixtures {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let good = testsDir.deletingLastPathComponent().appendingPathComponent("LocalOfferCoreTests/Fixtures/good")
    static let content: Content = ContentLoader.load(from: good).content
    static let engine = SearchEngine(content: content)

    static func state(_ mode: UsageMode = .family, width: Int = 80, height: Int = 24, timeout: Double = 120,
                      theme: Theme = .mono, pin: String? = nil, strings: Catalogue = .english) -> AppState {
        var config = AppConfig(mode: mode, idleTimeout: timeout, theme: theme, kioskPIN: pin)
        config.strings = strings
        var s = AppState(content: content, engine: engine, config: config)
        s.update(.resize(width: width, height: height))
        return s
    }
}

extension AppState {
    mutating func type(_ text: String) {
        for c in text { update(.text(c)) }
    }
    mutating func keys(_ ks: Key...) {
        for k in ks { update(.key(k)) }
    }
}

/// Golden screens: the buffer as text, compared with a file under __Snapshots__. Set
/// SNAPSHOT_RECORD=1 to write them anew after an intended change, then read the diff.
func assertSnapshot(_ buffer: Buffer, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let url = UIFixtures.testsDir.appendingPathComponent("__Snapshots__/\(name).txt")
    let text = buffer.text + "\n"
    if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no snapshot \(name): run with SNAPSHOT_RECORD=1 to record it", sourceLocation: sourceLocation)
        return
    }
    #expect(text == expected, "screen \(name) changed:\n\(text)", sourceLocation: sourceLocation)
}

/// A backend for the real loop: scripted events in, frames recorded.
final class FakeBackend: Backend {
    var events: [Event]
    var frames: [Buffer] = []
    var changedCells: [Int] = []
    var time: Double = 0
    let width: Int
    let height: Int
    var inputEnded = false
    var stopRequested = false
    /// Whether the events are all waiting at once (a paste): otherwise each comes on its own.
    let burst: Bool
    var polls = 0

    init(_ events: [Event], width: Int = 80, height: Int = 24, burst: Bool = false) {
        self.events = events
        self.burst = burst
        self.width = width
        self.height = height
    }
    var size: (width: Int, height: Int) { (width, height) }
    func draw(_ buffer: Buffer, previous: Buffer?) {
        frames.append(buffer)
        changedCells.append(buffer.changes(from: previous).count)
    }
    func nextEvent(timeout milliseconds: Int) -> Event? {
        polls += 1
        if milliseconds == 0 && !burst { return nil }
        time += 0.05
        if events.isEmpty {
            if milliseconds > 0 { inputEnded = true }
            return nil
        }
        let e = events.removeFirst()
        if case .tick(let t) = e { time = t; return nil }
        return e
    }
    func clock() -> Double { time }
}
