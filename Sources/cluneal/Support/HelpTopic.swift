import ArgumentParser
import ClunealAnatomy

/// `cluneal help TOPIC…`: ArgumentParser prints the root help with status 0 for a topic that
/// is not a subcommand; here such a topic is a usage error (64) naming it and the subcommands
/// that exist at that level.
enum HelpTopic {
    /// The one-line problem with `arguments` (the command line without the program name) when
    /// it asks `help` for a subcommand that does not exist, else `nil`.
    static func problem(_ arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        var subcommands: [ParsableCommand.Type] = Cluneal.configuration.subcommands
        var path = ["cluneal"]
        for name in arguments.dropFirst() where !name.hasPrefix("-") {
            // `cluneal help help`: ArgumentParser's own help command.
            if name == "help", path.count == 1 { return nil }
            var found: ParsableCommand.Type?
            var known: [String] = []
            for sub in subcommands {
                let subName = sub._commandName
                known.append(subName)
                if subName == name || sub.configuration.aliases.contains(name) { found = sub }
            }
            guard let next = found else {
                let level = path.joined(separator: " ")
                let list = known.isEmpty ? "" : "; its subcommands are \(known.joined(separator: ", "))"
                return "help: '\(level)' has no subcommand '\(Echo.cut(name))'\(list)"
            }
            subcommands = next.configuration.subcommands
            path.append(name)
        }
        return nil
    }
}
