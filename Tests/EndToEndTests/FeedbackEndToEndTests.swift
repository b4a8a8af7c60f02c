import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Feedback through the built binary: the report's shape, and a kiosk session whose visitor types a
/// name, a postcode and a phone number, after which every file written anywhere we point the
/// program at (HOME, the state folders, TMPDIR, the working folder) and the system temp folders is read.
@Suite(.serialized) struct FeedbackEndToEndTests {
    func binary() throws -> String {
        try #require(Tmux.binary, "needs a built localoffer (swift build)")
    }

    /// Runs the binary with a state folder of its own; (exit status, stdout and stderr).
    func run(_ args: [String], state: String) throws -> (status: Int32, out: String) {
        let r = Tmux.run(["env", "LOCALOFFER_STATE_DIR=\(state)", try binary()] + args)
        return (r.status >> 8, r.out)
    }

    @Test func editorsFeedbackShowsInTheReport() throws {
        let t = Tmux()
        let state = t.dir.appendingPathComponent("state").path
        #expect(try run(["feedback", "add", "send-team", "--choice", "wrong-or-out-of-date", "--note", "The phone line moved"], state: state).status == 0)
        #expect(try run(["feedback", "add", "send-team", "--choice", "wrong-or-out-of-date"], state: state).status == 0)
        #expect(try run(["feedback", "add", "no-such-entry", "--choice", "helpful"], state: state).status == 1)
        #expect(try run(["feedback", "add", "send-team", "--choice", "rubbish"], state: state).status == 1)
        let r = try run(["feedback", "report", "--json"], state: state)
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect((json["since"] as? String)?.count == 10)
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["id"] as? String == "send-team")
        #expect(entries.first?["choice"] as? String == "wrong-or-out-of-date")
        #expect(entries.first?["count"] as? Int == 2)
        #expect(json["unmet_searches"] is [Any])
        let later = try run(["feedback", "report", "--json", "--since", "2999-01-01"], state: state)
        let laterJSON = try #require(try JSONSerialization.jsonObject(with: Data(later.out.utf8)) as? [String: Any])
        #expect((laterJSON["entries"] as? [Any])?.isEmpty == true)
        #expect(laterJSON["since"] as? String == "2999-01-01")
        #expect(try run(["feedback", "report", "--since", "yesterday"], state: state).status != 0)
        let text = try run(["feedback", "report"], state: state)
        #expect(text.out.contains("Wrong or out of date") && text.out.contains("The phone line moved"))
        var st = stat()
        #expect(stat(state + "/feedback.tsv", &st) == 0 && st.st_mode & 0o777 == 0o600)
    }

    @Test func aNamePostcodeAndPhoneTypedInAKioskNeverReachTheDisk() throws {
        _ = try binary()
        #expect(Tmux.which("tmux") != nil, "needs tmux")
        let t = Tmux()
        let home = t.dir.appendingPathComponent("home"), work = t.dir.appendingPathComponent("work")
        let state = t.dir.appendingPathComponent("state"), xdg = t.dir.appendingPathComponent("xdg-state")
        let tmp = t.dir.appendingPathComponent("tmp")
        for d in [home, work, state, xdg, tmp] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        let marker = t.dir.appendingPathComponent("marker")
        try "".write(to: marker, atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1.1)
        // A unique surname, so a match can only come from this test.
        let surname = "Quenby" + String(UUID().uuidString.filter(\.isLetter).prefix(6)).lowercased()
        // Numbers of the test's own, so a match cannot come from another file's hash or data.
        let n = String(format: "%05d", Int.random(in: 0..<100_000)), m = String(format: "%04d", Int.random(in: 0..<10_000))
        let mobile = "07700 9\(n)", landline = "020 8\(n.prefix(3)) \(m)"
        // Postcodes with a unit of the test's own too: a literal one is in this file's source, which a
        // compiler working beside the test may copy into /tmp.
        let units = Array("ABDEFGHJLNPQRSTUWXYZ")
        let unit = { String([units.randomElement() ?? "A", units.randomElement() ?? "B"]) }
        let postcode1 = "KT3 4" + unit(), postcode2 = "tw9 1" + unit().lowercased()
        let typed = ["Olivia \(surname) \(postcode1) \(mobile) speech", "\(surname) \(postcode2) \(landline)"]
        t.start(["--kiosk"], env: ["HOME": home.path, "LOCALOFFER_STATE_DIR": state.path, "XDG_STATE_HOME": xdg.path,
                                   "TMPDIR": tmp.path], cwd: work)
        #expect(t.waitFor("What would you like to do?").found)
        for (i, q) in typed.enumerated() {
            t.type(q)
            #expect(t.waitFor(surname).found)
            t.keys("C-f")             // "could not find what I needed" about this search
            #expect(t.waitFor("Tell the Local Offer team").found)
            t.type("1")
            #expect(t.waitFor("Thank you").found)
            t.keys("Down", "Enter")   // open a result, as a visitor would
            Thread.sleep(forTimeInterval: 0.5)
            t.type("f")               // and say it is wrong or out of date
            #expect(t.waitFor("Wrong or out of date").found)
            t.type("1")
            #expect(t.waitFor("Thank you").found)
            t.keys("C-n")             // next family
            #expect(t.waitFor("What would you like to do?").found, "session \(i)")
        }
        if let pid = t.programPID { kill(pid, SIGTERM) }
        _ = t.waitForExit()
        // Every file written under the folders the program was given, and the system temp folders.
        let dirs = [t.dir.path, FileManager.default.temporaryDirectory.path, "/tmp", "/var/tmp",
                    ProcessInfo.processInfo.environment["HOME"] ?? "/root"].filter { FileManager.default.fileExists(atPath: $0) }
        let written = Tmux.run(["sh", "-c", "find \(dirs.map(Tmux.quote).joined(separator: " ")) -xdev -type f -newer \(Tmux.quote(marker.path)) -size -20M 2>/dev/null"]).out
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix(t.dir.path + "/before") && !$0.hasPrefix(t.dir.path + "/after") && !$0.hasPrefix(t.dir.path + "/exit") }
        var leaks: [String] = []
        for path in written {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: data, as: UTF8.self).lowercased()
            for needle in [surname.lowercased(), "olivia \(surname.lowercased())", postcode1.lowercased(), postcode1.lowercased().replacingOccurrences(of: " ", with: ""), mobile,
                           postcode2, landline, "\(n.prefix(3)) \(m)"] where text.contains(needle) {
                leaks.append("\(path): \(needle)")
            }
        }
        #expect(leaks.isEmpty, "typed text reached the disk: \(leaks)")
        // What the visitors chose reaches the Local Offer team; the searches stay below the threshold.
        let report = try run(["feedback", "report", "--json"], state: state.path)
        let json = (try? JSONSerialization.jsonObject(with: Data(report.out.utf8))) as? [String: Any]
        let entries = json?["entries"] as? [[String: Any]] ?? []
        #expect(entries.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == typed.count, "\(report.out)")
        #expect(entries.allSatisfy { $0["choice"] as? String == "wrong-or-out-of-date" }, "\(report.out)")
        #expect((json?["unmet_searches"] as? [Any])?.isEmpty == true, "\(report.out)")
        // And in the state folder, only ever the feedback file, private.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: state.path)) ?? [] {
            #expect(name == "feedback.tsv", "unexpected file in the state folder: \(name)")
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: xdg.path))?.isEmpty == true)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: tmp.path))?.isEmpty == true)
    }
}
