import Foundation

/// What families told the Local Offer team, for a "you said, we did" page: counts per entry and
/// choice, and the searches that found nothing useful (as their kept words), from a day on.
public struct FeedbackReport: Sendable {
    public struct EntryCount: Sendable, Equatable { public var id: String; public var choice: FeedbackChoice; public var count: Int }
    public struct SearchCount: Sendable, Equatable { public var words: String; public var count: Int }
    public struct Note: Sendable, Equatable { public var day: FeedbackDay; public var id: String; public var choice: FeedbackChoice; public var text: String }

    /// The first day counted: `--since`, else the oldest day in the file, else today.
    public var since: FeedbackDay
    /// The newest day in the report, if any.
    public var until: FeedbackDay?
    public var entries: [EntryCount]
    var unmetSearches: [SearchCount]
    var notes: [Note]

    public init(records: [FeedbackRecord], since: FeedbackDay? = nil, today: FeedbackDay = .today()) {
        let kept = records.filter { r in since.map { r.day >= $0 } ?? true }
        self.since = since ?? kept.map(\.day).min() ?? today
        self.until = kept.map(\.day).max()
        var entryCounts: [String: EntryCount] = [:]
        var searchCounts: [String: Int] = [:]
        var notes: [Note] = []
        for r in kept {
            switch r.kind {
            case .entry:
                let key = r.subject + "\t" + r.choice.rawValue
                var e = entryCounts[key] ?? EntryCount(id: r.subject, choice: r.choice, count: 0)
                e.count = min(FeedbackStore.maxCount, e.count + r.count)
                entryCounts[key] = e
            case .search:
                searchCounts[r.subject] = min(FeedbackStore.maxCount, (searchCounts[r.subject] ?? 0) + r.count)
            case .note:
                notes.append(Note(day: r.day, id: r.subject, choice: r.choice, text: r.note ?? ""))
            }
        }
        // Most told first; then by id and the choices' order, so the report is stable.
        self.entries = entryCounts.values.sorted { ($1.count, $0.id, $0.choice) < ($0.count, $1.id, $1.choice) }
        self.unmetSearches = searchCounts.map { SearchCount(words: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.words) < ($0.count, $1.words) }
        self.notes = notes.sorted { ($0.day, $0.id) < ($1.day, $1.id) }
    }

    /// Its JSON (`feedback report --json`) is `JSONShape.FeedbackReportJSON`.

    /// As text for a person.
    public func text(titles: [String: String] = [:]) -> String {
        var lines = ["Feedback to the Local Offer team since \(since)" + (until.map { " (to \($0))" } ?? "") + "."]
        if entries.isEmpty && unmetSearches.isEmpty && notes.isEmpty {
            lines.append("Nothing yet.")
            return lines.joined(separator: "\n")
        }
        if !entries.isEmpty {
            lines.append("")
            lines.append("About entries:")
            for e in entries {
                lines.append("  \(String(e.count).leftPadded(5))  \(e.choice.label): \(titles[e.id].map { "\($0) [\(e.id)]" } ?? e.id)")
            }
        }
        if !unmetSearches.isEmpty {
            lines.append("")
            lines.append("Searches that found nothing useful (kept once \(FeedbackRecorder.searchThreshold) or more shared the words):")
            for s in unmetSearches { lines.append("  \(String(s.count).leftPadded(5))  \(s.words)") }
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes (typed outside kiosk and shared terminals):")
            for n in notes { lines.append("  \(n.day)  \(n.id) (\(n.choice.label)): \(n.text)") }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
