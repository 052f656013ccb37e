package io.sluice.cli.repl;

import io.sluice.cli.command.ClientVersion;
import io.sluice.cli.command.CommandLines;
import io.sluice.cli.command.GlobalDefaults;
import io.sluice.cli.command.ReplLauncher;
import io.sluice.cli.command.RootCommand;
import io.sluice.cli.command.Session;
import org.jline.builtins.Completers;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The interactive sluicectl, as dmctl without a command: a {@code »} prompt where commands are typed as on
 * the command line, with history (in memory), tab completion of command names and file names, Ctrl-C to
 * drop the line and {@code exit}, {@code quit} or Ctrl-D to leave. On piped stdin JLine's dumb terminal
 * reads one command per line, which is how scripts and the tests drive it.
 */
public final class Repl
        implements ReplLauncher
{
    public static final String PROMPT = "» ";
    private static final Set<String> EXIT_WORDS = Set.of("exit", "quit");

    @Override
    public int start(RootCommand root)
    {
        Session session = root.session();
        GlobalDefaults globals = root.globals();
        try (Terminal terminal = openTerminal(session)) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("sluicectl")
                    .parser(parser())
                    .history(new DefaultHistory())
                    .completer(completer(root))
                    // no history file: commands may carry SQL and paths the user would not expect on disk
                    .variable(LineReader.HISTORY_FILE, null)
                    .build();
            banner(session, root);
            loop(reader, session, globals);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        }
        return 0;
    }

    private static void loop(LineReader reader, Session session, GlobalDefaults globals)
    {
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            }
            catch (UserInterruptException e) {
                continue;
            }
            catch (EndOfFileException e) {
                // Ctrl-D leaves the cursor after the prompt; end the line like a shell does
                session.out().println();
                session.out().flush();
                return;
            }
            List<String> words;
            try {
                words = LineSplitter.split(line);
            }
            catch (IllegalArgumentException e) {
                session.err().println("Error: " + e.getMessage());
                session.err().flush();
                continue;
            }
            if (words.isEmpty()) {
                continue;
            }
            if (words.size() == 1 && EXIT_WORDS.contains(words.getFirst())) {
                return;
            }
            execute(words, session, globals);
        }
    }

    private static void execute(List<String> words, Session session, GlobalDefaults globals)
    {
        // a fresh root per line: options of one line (-w, --binlog-pos ...) must not leak into the next
        try (RootCommand lineRoot = new RootCommand(session, globals, Repl::alreadyInRepl)) {
            CommandLines.create(lineRoot).execute(words.toArray(String[]::new));
        }
        session.out().flush();
        session.err().flush();
    }

    private static int alreadyInRepl(RootCommand root)
    {
        root.session().err().println("Error: no command given; type 'help' for the commands, 'exit' to leave");
        root.session().err().flush();
        return CommandLines.USAGE_ERROR;
    }

    private static void banner(Session session, RootCommand root)
    {
        session.out().println("Welcome to sluicectl");
        session.out().println("Release Version: " + ClientVersion.get());
        session.out().println("Master Address: " + root.globals().masterAddr());
        session.out().println("Type 'help' for the commands, 'exit' or Ctrl-D to leave.");
        session.out().println();
        session.out().flush();
    }

    private static Terminal openTerminal(Session session)
            throws IOException
    {
        if (session.systemStdin()) {
            // a tty gets line editing; piped stdin falls back to a dumb terminal, without JLine's warning about it
            return TerminalBuilder.builder()
                    .name("sluicectl")
                    .system(true)
                    .dumb(true)
                    .encoding(UTF_8)
                    .build();
        }
        // built directly: TerminalBuilder would put given streams behind a pseudo-terminal, which echoes and loses input
        return new DumbTerminal("sluicectl", Terminal.TYPE_DUMB, session.in(), new WriterOutputStream(session.out()), UTF_8);
    }

    private static DefaultParser parser()
    {
        DefaultParser parser = new DefaultParser();
        // an unclosed quote is reported by LineSplitter; a continuation prompt would swallow the next lines of a script
        parser.setEofOnUnclosedQuote(false);
        parser.setEofOnEscapedNewLine(false);
        return parser;
    }

    private static ArgumentCompleter completer(RootCommand root)
    {
        Set<String> names = new TreeSet<>(root.spec().subcommands().keySet());
        names.addAll(EXIT_WORDS);
        // first word: a command; later words: mostly task and source files
        return new ArgumentCompleter(new StringsCompleter(names), new Completers.FileNameCompleter());
    }
}
