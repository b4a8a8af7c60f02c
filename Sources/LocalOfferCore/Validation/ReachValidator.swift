import Foundation

/// A family at a kiosk, or on the phone to a Parent Champion, needs a way to act: a number, an
/// email, an address or a form. Every service must give one for each borough that it serves, or
/// name (with `ask_instead`) an entry that has one.
enum ReachValidator {
    /// How a family of `borough` reaches `entry`: the borough's own contact first, then the shared one.
    static func contacts(of entry: Entry, in borough: Borough) -> [Contact] {
        [entry.boroughs[borough]?.contact, entry.contact].compactMap { $0 }
    }

    /// Whether a family of `borough` has a way to act, directly or through the entry it is sent to.
    static func isReachable(_ entry: Entry, in borough: Borough, content: Content) -> Bool {
        contacts(of: entry, in: borough).contains { c in
            if c.isDirect { return true }
            guard let id = c.askInstead, let other = content.entry(id) else { return false }
            return contacts(of: other, in: borough).contains(where: \.isDirect)
        }
    }

    static func validate(_ content: Content, warnings: Bool, sink: DiagnosticSink) {
        for e in content.entries {
            // `ask_instead` sends a family on once: the one named must have a way in of its own.
            let all = ([e.contact] + Borough.allCases.map { e.boroughs[$0]?.contact }).compactMap { $0 }
            for c in all {
                guard let id = c.askInstead else { continue }
                if id == e.id {
                    sink.error(e.location, "'\(e.id)' names itself in 'ask_instead'")
                } else if let other = content.entry(id),
                          !Borough.allCases.contains(where: { b in contacts(of: other, in: b).contains(where: \.isDirect) }) {
                    sink.error(e.location, "'ask_instead' of '\(e.id)' names '\(id)', which gives no phone, email, address or form of its own")
                }
            }
            guard warnings, e.kind == .service else { continue }
            let unreachable = e.servedIn.filter { !isReachable(e, in: $0, content: content) }
            if !unreachable.isEmpty {
                sink.warning(e.location, "service '\(e.id)' gives no way to reach it in \(unreachable.map(\.name).joined(separator: " and ")): add a phone, email, address or web_form from a cited source, or 'ask_instead' with the id of an entry that has one")
            }
        }
    }
}

/// The coverage map is an assessment per borough: what it names must exist (checked with every
/// other reference) and must serve that borough.
enum CoverageValidator {
    static func validate(_ content: Content, warnings: Bool, sink: DiagnosticSink) {
        guard warnings else { return }
        for item in content.coverage {
            for b in Borough.allCases where item.boroughs[b]?.status == .yes {
                for id in item.entries(in: b) {
                    guard let e = content.entry(id), e.kind == .service, !e.servedIn.contains(b) else { continue }
                    sink.warning(item.location, "coverage item '\(item.id)' is 'yes' in \(b.name) through '\(id)', which does not serve \(b.name): move it to the other borough's entries")
                }
            }
        }
    }
}
