import LocalOfferCore


/// The key table. Order matters: the first binding that applies and matches an event handles it.
/// Keys that work everywhere come first (so Ctrl-N reaches every screen, prompts included), then
/// each screen's keys, then the single-letter shortcuts that only apply where nothing is typed.
public enum KeyMap {
    public static let all: [KeyBinding] = first + screens + last

    static let notKiosk: @Sendable (AppState) -> Bool = { !$0.config.mode.isKiosk }
    static let moveKeys: [KeyPattern] = [.key(.up), .key(.down), .char("j"), .char("k"), .key(.tab), .key(.backTab)]
    static let backKeys: [KeyPattern] = [.key(.escape), .key(.backspace), .key(.left), .char("h")]

    // MARK: everywhere

    static let first: [KeyBinding] = [
        KeyBinding([.key(.ctrl("n"))], "Ctrl-N", short: .keysShortStartAgain,
                   help: .keysGlobal1,
                   bar: [], when: { !$0.config.mode.isKiosk && !$0.config.mode.isShared }) { s, _ in
            s.endSession()
            return .newSession
        },
        KeyBinding([.key(.ctrl("n"))], "Ctrl-N", short: .keysShortNextFamily,
                   help: .keysGlobal2,
                   bar: [.home, .save], when: { $0.config.mode.isKiosk || $0.config.mode.isShared }) { s, _ in
            s.endSession()
            return .newSession
        },
        KeyBinding([.click], "touch the bottom line", help: .keysGlobal3,
                   when: { $0.config.mode.isKiosk }, accepts: { s, e in
            if case .mouse(let x, let y, .click) = e { return y == s.height - 1 && x < AppState.kioskStartWidth + AppState.kioskBackWidth }
            return false
        }) { s, e in
            guard case .mouse(let x, _, _) = e else { return .none }
            if x < AppState.kioskStartWidth { s.endSession(); return .newSession }
            if s.keyContext == .staffExit { s.pop() } else { s.back() }
            return .none
        },
        KeyBinding([.key(.ctrl("c")), .key(.ctrl("d")), .key(.ctrl("q"))], "Ctrl-C", short: .keysShortQuit,
                   help: .keysGlobal4, bar: [.home], when: notKiosk) { s, _ in
            s.quit = true
            return .quit
        },
        KeyBinding([.key(.ctrl("]"))], "Ctrl-]", help: .keysGlobal5, except: [.staffExit],
                   when: { $0.config.mode.isKiosk }) { s, _ in
            s.push(.staffExit(pin: ""))
            return .none
        },
        KeyBinding([.key(.function(10)), .key(.alt("h")), .key(.ctrlHome)], "F10", short: .keysShortHome,
                   help: .keysGlobal6,
                   except: [.home, .staffExit]) { s, _ in
            s.goHome()
            return .none
        },
        KeyBinding([.key(.function(1))], "F1", short: .keysShortHelp, help: .keysGlobal7,
                   except: [.help, .staffExit], bar: KeyContext.typing) { s, _ in
            s.push(.help(scroll: 0))
            return .none
        },
        KeyBinding([.key(.function(2))], "F2", help: .keysGlobal8,
                   except: [.profile, .staffExit]) { s, _ in
            s.push(.profile(selection: 0))
            return .none
        },
        KeyBinding([.char("/")], "/", help: .keysGlobal9, except: [.search, .save, .staffExit]) { s, _ in
            s.push(.search(query: "", selection: 0))
            return .none
        },
        KeyBinding([.key(.ctrl("s"))], "Ctrl-S", help: .keysGlobal10, except: [.save, .staffExit], when: notKiosk) { s, _ in
            if s.session.myList.isEmpty {
                s.message = s.tr(.myListEmpty)
            } else {
                s.push(.save(path: s.tr(.saveDefaultName)))
            }
            return .none
        },
        KeyBinding([.key(.ctrl("p"))], "Ctrl-P", help: .keysGlobal11, except: [.staffExit],
                   when: { $0.config.mode.canPrint }) { s, _ in
            if s.session.myList.isEmpty {
                s.message = s.tr(.myListEmpty)
                return .none
            }
            return s.printRequest()
        },
    ]


    // MARK: single letters, where nothing is being typed

    static let last: [KeyBinding] = [
        KeyBinding([.char("?")], "?", short: .keysShortHelp, help: .keysGlobal12, except: KeyContext.typing.union([.help])) { s, _ in
            s.push(.help(scroll: 0))
            return .none
        },
        KeyBinding([.char("p")], "p", help: .keysGlobal13, except: KeyContext.typing.union([.profile])) { s, _ in
            s.push(.profile(selection: 0))
            return .none
        },
        KeyBinding([.char("q")], "q", short: .keysShortQuit, help: .keysGlobal14, except: KeyContext.typing.union([.help]),
                   when: notKiosk) { s, _ in
            s.quit = true
            return .quit
        },
    ]
}
