import LocalOfferCore

extension AppState {
    /// The one place state changes, for one event; then the search on screen is brought up to date.
    @discardableResult
    public mutating func update(_ event: Event) -> Effect {
        // The words Core makes on the way (verdicts, entry answers) in the session's language.
        Catalogue.$current.withValue(config.strings) {
            let effect = handle(event)
            refreshSearch()
            refreshPages()
            return effect
        }
    }

    /// One event, without running the search: the loop handles every pending event this way and
    /// searches once, for the latest query, before it draws (`prepareFrame`).
    public mutating func handle(_ event: Event) -> Effect {
        Catalogue.$current.withValue(config.strings) { handleInLanguage(event) }
    }

    private mutating func handleInLanguage(_ event: Event) -> Effect {
        switch event {
        case .tick(let t):
            now = t
            if config.mode.isKiosk, now - lastInput >= config.idleTimeout {
                wipeSession()
                lastInput = now
                message = nil
                return .idleReset
            }
            return .none
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            refreshPages()
            // A wider window wraps the entry into fewer lines: keep its scroll within them.
            if case .entry(let id, let scroll) = screen, width >= AppState.minWidth, height >= AppState.minHeight {
                screen = .entry(id: id, scroll: min(scroll, max(0, numberedEntryLines(id).lines.count - entryRows)))
            }
            return .none
        default:
            lastInput = now
        }
        // Every key goes through the key table: what it shows is what it does. The pages it reads
        // are brought up to date first (once; an unchanged page is not built again).
        refreshPages()
        guard let b = binding(for: event) else { return .none }
        return b.action(&self, event)
    }

    /// Whatever the frame needs that input left stale (the search results).
    public mutating func prepareFrame() {
        Catalogue.$current.withValue(config.strings) {
            refreshSearch()
            refreshPages()
        }
    }

    /// The Esc key of the screen on top: Backspace on an empty box and the kiosk's Back target.
    mutating func back() {
        if let b = binding(for: .key(.escape)) { _ = b.action(&self, .key(.escape)) }
    }

    /// Ctrl-N and [ Start again ]: everything typed or chosen is forgotten, on any screen.
    mutating func endSession() {
        wipeSession()
        message = config.mode.isShared || config.mode.isKiosk ? tr(.sessionEnded) : tr(.sessionStartedAgain)
    }

    var isHome: Bool { if case .home = screen { return true } else { return false } }
    var isSearch: Bool { if case .search = screen { return true } else { return false } }
    var isTyping: Bool { KeyContext.typing.contains(keyContext) }

    /// Moves a selection with keys and wheel; returns nil if the event is not movement.
    func move(_ event: Event, _ sel: Int, count: Int, page: Int = 5) -> Int? {
        guard count > 0 else { return nil }
        let sel = min(max(0, sel), count - 1)
        switch event {
        case .key(.up), .text("k"), .mouse(_, _, .wheelUp), .key(.backTab): return max(0, sel - 1)
        case .key(.down), .text("j"), .mouse(_, _, .wheelDown), .key(.tab): return min(count - 1, sel + 1)
        case .key(.pageUp): return max(0, sel - page)
        case .key(.pageDown): return min(count - 1, sel + page)
        case .key(.home): return 0
        case .key(.end): return count - 1
        default: return nil
        }
    }
}
