import Foundation
@testable import cluneal
import Testing

/// `cluneal help TOPIC`: a topic that is a subcommand prints its help (0); one that is not is a
/// usage error (64) naming it, with nothing on standard output.
@Suite("help")
struct HelpCommandTests {
    @Test(arguments: [["help"], ["help", "locate"], ["help", "atlas", "show"], ["help", "atlas"]])
    func helpForASubcommandPrintsIt(arguments: [String]) throws {
        let r = try CLIRunner.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("USAGE: cluneal \(arguments.dropFirst().joined(separator: " "))"))
        #expect(r.stderr.isEmpty)
    }

    @Test(arguments: [(["help", "nope"], "nope", "'cluneal' has no subcommand"), (["help", "atlas", "nope"], "nope", "'cluneal atlas' has no subcommand"),
                      (["help", "locate", "extra"], "extra", "'cluneal locate' has no subcommand")])
    func helpForAnUnknownSubcommandIsAUsageError(arguments: [String], name: String, words: String) throws {
        let r = try CLIRunner.run(arguments)
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(r.stderr.hasPrefix("cluneal: error: help: ") && r.stderr.contains("'\(name)'") && r.stderr.contains(words))
        if arguments.count == 2 { #expect(r.stderr.contains("locate") && r.stderr.contains("atlas")) }
    }
}
