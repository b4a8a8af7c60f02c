import LocalOfferCore

/// The pages derived from the state, each computed once per change of what it depends on: the
/// laid-out entry, the flow's state and its outcome page. Drawing, keys and clicks all read these,
/// so one Down on an entry does not lay its text out again and one key on an outcome does not run
/// the flow again. Filled in by `refreshPages()` (before each event and before each frame); a
/// read that misses computes the page itself, so a stale cache can cost time, never correctness.
public struct Pages: Sendable {
    struct EntryKey: Hashable {
        var id: String, width: Int, profile: Profile, mode: UsageMode, glyphs: Glyphs, generation: Int
    }
    struct FlowKey: Hashable {
        var id: String, answers: [String: Answer], profile: Profile, generation: Int
    }
    struct OutcomeKey: Hashable {
        var flow: FlowKey, width: Int, list: [String], glyphs: Glyphs
    }
    var entry: (key: EntryKey, lines: [StyledLine], links: [String])?
    var flow: (key: FlowKey, state: FlowState)?
    var outcome: (key: OutcomeKey, page: OutcomePage)?
    var groups: (generation: Int, groups: [BrowseGroup])?
    struct GlossaryKey: Hashable {
        var query: String, entry: String?, width: Int, glyphs: Glyphs, generation: Int
    }
    /// What the help is about: the screens under it and everything its keys' conditions read.
    struct HelpKey: Equatable {
        var below: [Screen], width: Int, glyphs: Glyphs, profile: Profile, list: [String], mode: UsageMode, generation: Int
    }
    var glossary: (key: GlossaryKey, lines: [StyledLine])?
    struct TermsKey: Hashable { var width: Int, glyphs: Glyphs, generation: Int }
    /// Every glossary term laid out, once per width: the glossary page only picks from these.
    var terms: (key: TermsKey, lines: [GlossaryTerm: [StyledLine]])?
    var help: (key: HelpKey, lines: [StyledLine])?
    /// How many pages were computed (tests hold the "once per change" promise to this).
    public internal(set) var built = 0
    public init() {}
}

extension AppState {
    func entryKey(_ id: String) -> Pages.EntryKey {
        Pages.EntryKey(id: id, width: width, profile: session.profile, mode: config.mode, glyphs: config.glyphs,
                       generation: contentGeneration)
    }

    func flowKey(_ fs: FlowScreen) -> Pages.FlowKey {
        Pages.FlowKey(id: fs.id, answers: fs.answers, profile: session.profile, generation: contentGeneration)
    }

    func outcomeKey(_ fs: FlowScreen) -> Pages.OutcomeKey {
        Pages.OutcomeKey(flow: flowKey(fs), width: width, list: session.myList, glyphs: config.glyphs)
    }

    func glossaryKey(_ q: String, entry: String?) -> Pages.GlossaryKey {
        Pages.GlossaryKey(query: q, entry: entry, width: width, glyphs: config.glyphs, generation: contentGeneration)
    }

    var termsKey: Pages.TermsKey { Pages.TermsKey(width: width, glyphs: config.glyphs, generation: contentGeneration) }

    func helpKey() -> Pages.HelpKey {
        Pages.HelpKey(below: Array(session.stack.dropLast()), width: width, glyphs: config.glyphs, profile: session.profile,
                      list: session.myList, mode: config.mode, generation: contentGeneration)
    }

    /// Brings the pages of the screen on top up to date.
    public mutating func refreshPages() {
        Catalogue.$current.withValue(config.strings) { refreshPagesInLanguage() }
    }

    private mutating func refreshPagesInLanguage() {
        guard width >= AppState.minWidth, height >= AppState.minHeight else { return }
        switch screen {
        case .entry(let id, _):
            let k = entryKey(id)
            if pages.entry?.key != k {
                let (lines, links) = layOutEntry(id)
                pages.entry = (k, lines, links)
                pages.built += 1
            }
        case .flow(let fs):
            let k = flowKey(fs)
            if pages.flow?.key != k, let f = content.flow(fs.id) {
                pages.flow = (k, runFlow(f, answers: fs.answers))
                pages.built += 1
            }
            if let state = pages.flow?.state, let o = state.outcome, fs.editing == nil {
                let ok = outcomeKey(fs)
                if pages.outcome?.key != ok {
                    pages.outcome = (ok, buildOutcomePage(o, state: state))
                    pages.built += 1
                }
            }
        case .glossary(let q, _, let entry):
            let k = glossaryKey(q, entry: entry)
            if pages.glossary?.key != k {
                if pages.terms?.key != termsKey {
                    pages.terms = (termsKey, Dictionary(content.glossary.map { ($0, termLines($0)) }, uniquingKeysWith: { a, _ in a }))
                    pages.built += 1
                }
                pages.glossary = (k, layOutGlossary(q, entry: entry))
                pages.built += 1
            }
        case .help:
            let k = helpKey()
            if pages.help?.key != k {
                pages.help = (k, layOutHelp())
                pages.built += 1
            }
        case .categories:
            if pages.groups?.generation != contentGeneration {
                pages.groups = (contentGeneration, content.browseGroups)
                pages.built += 1
            }
        default:
            break
        }
    }
}
