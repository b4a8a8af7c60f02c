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
        KeyBinding([.key(.ctrl("n"))], "Ctrl-N", short: "start again",
                   help: "Start again: forget everything typed and chosen (the list, searches, About your child).",
                   bar: [], when: { !$0.config.mode.isKiosk && !$0.config.mode.isShared }) { s, _ in
            s.endSession()
            return .newSession
        },
        KeyBinding([.key(.ctrl("n"))], "Ctrl-N", short: "next family",
                   help: "Next family: end this session and forget everything typed and chosen, on any screen.",
                   bar: [.home, .save], when: { $0.config.mode.isKiosk || $0.config.mode.isShared }) { s, _ in
            s.endSession()
            return .newSession
        },
        KeyBinding([.click], "touch the bottom line", help: "[ Start again ] forgets everything; [ Back ] goes back a screen.",
                   when: { $0.config.mode.isKiosk }, accepts: { s, e in
            if case .mouse(let x, let y, .click) = e { return y == s.height - 1 && x < AppState.kioskStartWidth + AppState.kioskBackWidth }
            return false
        }) { s, e in
            guard case .mouse(let x, _, _) = e else { return .none }
            if x < AppState.kioskStartWidth { s.endSession(); return .newSession }
            if s.keyContext == .staffExit { s.pop() } else { s.back() }
            return .none
        },
        KeyBinding([.key(.ctrl("c")), .key(.ctrl("d")), .key(.ctrl("q"))], "Ctrl-C", short: "quit",
                   help: "Quit (also Ctrl-D or Ctrl-Q).", bar: [.home], when: notKiosk) { s, _ in
            s.quit = true
            return .quit
        },
        KeyBinding([.key(.ctrl("]"))], "Ctrl-]", help: "Staff only: leave the kiosk with the PIN.", except: [.staffExit],
                   when: { $0.config.mode.isKiosk }) { s, _ in
            s.push(.staffExit(pin: ""))
            return .none
        },
        KeyBinding([.key(.function(10)), .key(.alt("h")), .key(.ctrlHome)], "F10", short: "home",
                   help: "Go to the home screen (also Alt-H or Ctrl-Home). What you chose is kept.",
                   except: [.home, .staffExit]) { s, _ in
            s.goHome()
            return .none
        },
        KeyBinding([.key(.function(1))], "F1", short: "help", help: "These keys, for the screen you are on.",
                   except: [.help, .staffExit], bar: KeyContext.typing) { s, _ in
            s.push(.help(scroll: 0))
            return .none
        },
        KeyBinding([.key(.function(2))], "F2", help: "About your child: borough, age, support and needs, used everywhere.",
                   except: [.profile, .staffExit]) { s, _ in
            s.push(.profile(selection: 0))
            return .none
        },
        KeyBinding([.char("/")], "/", help: "Search, from any screen.", except: [.search, .save, .staffExit]) { s, _ in
            s.push(.search(query: "", selection: 0))
            return .none
        },
        KeyBinding([.key(.ctrl("s"))], "Ctrl-S", help: "Save my list as a text file.", except: [.save, .staffExit], when: notKiosk) { s, _ in
            if s.session.myList.isEmpty {
                s.message = "Your list is empty: press a on an entry to add it."
            } else {
                s.push(.save(path: "my-local-offer-list.txt"))
            }
            return .none
        },
        KeyBinding([.key(.ctrl("p"))], "Ctrl-P", help: "Print my list.", except: [.staffExit],
                   when: { $0.config.mode.canPrint }) { s, _ in
            if s.session.myList.isEmpty {
                s.message = "Your list is empty: press a on an entry to add it."
                return .none
            }
            return s.printRequest()
        },
    ]


    // MARK: single letters, where nothing is being typed

    static let last: [KeyBinding] = [
        KeyBinding([.char("?")], "?", short: "help", help: "These keys (also F1).", except: KeyContext.typing.union([.help])) { s, _ in
            s.push(.help(scroll: 0))
            return .none
        },
        KeyBinding([.char("p")], "p", help: "About your child (also F2).", except: KeyContext.typing.union([.profile])) { s, _ in
            s.push(.profile(selection: 0))
            return .none
        },
        KeyBinding([.char("q")], "q", short: "quit", help: "Quit.", except: KeyContext.typing.union([.help]),
                   when: notKiosk) { s, _ in
            s.quit = true
            return .quit
        },
    ]
}
