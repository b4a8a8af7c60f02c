import Foundation

/// Fills in each contact's `askInsteadLines` once, when content is loaded: the entry named by
/// `ask_instead`, by title, with its own direct ways in. Front ends then show `Contact.lines` and
/// never need the whole content to say who to ask.
enum ContactResolver {
    static func resolved(_ entries: [Entry]) -> [Entry] {
        // In English whatever the language of the task loading it: these lines are kept in the
        // content snapshot, which every language reads (see README "A second language").
        Catalogue.$current.withValue(.english) { resolvedInEnglish(entries) }
    }

    private static func resolvedInEnglish(_ entries: [Entry]) -> [Entry] {
        let byId = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func resolve(_ c: Contact?) -> Contact? {
            guard var c, let id = c.askInstead, let other = byId[id] else { return c }
            // One line per way in, each naming who it belongs to: a bare "Phone:" under this entry
            // would read as this entry's own number.
            var out: [String] = []
            if let shared = other.contact, !shared.directLines.isEmpty {
                out.append("Ask instead: \(other.title). " + shared.directLines.joined(separator: "; "))
            } else {
                // The one asked has ways in per borough only: say which is which.
                for b in Borough.allCases {
                    guard let lines = other.boroughs[b]?.contact?.directLines, !lines.isEmpty else { continue }
                    out.append("Ask instead (\(b.name)): \(other.title). " + lines.joined(separator: "; "))
                }
            }
            if out.isEmpty { out = ["Ask instead: \(other.title)"] }
            c.askInsteadLines = out
            return c
        }
        return entries.map { e in
            var e = e
            e.contact = resolve(e.contact)
            for b in Borough.allCases {
                guard var part = e.boroughs[b], part.contact?.askInstead != nil else { continue }
                part.contact = resolve(part.contact)
                e.boroughs[b] = part
            }
            return e
        }
    }
}
