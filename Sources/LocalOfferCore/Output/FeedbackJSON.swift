import Foundation

extension JSONShape {
    /// `feedback report --json` (CONTRACT.md, "Since turn 3"). `until` is `null` before any feedback.
    public struct FeedbackReportJSON: Codable, Sendable, Equatable {
        public struct EntryJSON: Codable, Sendable, Equatable {
            public var id: String
            public var choice: String
            public var label: String
            public var count: Int
            public var title: String?
        }
        public struct SearchJSON: Codable, Sendable, Equatable {
            public var words: String
            public var count: Int
        }
        public struct NoteJSON: Codable, Sendable, Equatable {
            public var day: String
            public var id: String
            public var choice: String
            public var text: String
        }
        public var since: String
        @NullWhenNone public var until: String?
        public var entries: [EntryJSON]
        public var unmetSearches: [SearchJSON]
        public var notes: [NoteJSON]
        public var searchThreshold: Int

        public init(_ r: FeedbackReport, titles: [String: String] = [:]) {
            since = r.since.description
            until = r.until?.description
            entries = r.entries.map { EntryJSON(id: $0.id, choice: $0.choice.rawValue, label: $0.choice.label, count: $0.count, title: titles[$0.id]) }
            unmetSearches = r.unmetSearches.map { SearchJSON(words: $0.words, count: $0.count) }
            notes = r.notes.map { NoteJSON(day: $0.day.description, id: $0.id, choice: $0.choice.rawValue, text: $0.text) }
            searchThreshold = FeedbackRecorder.searchThreshold
        }
    }
}
