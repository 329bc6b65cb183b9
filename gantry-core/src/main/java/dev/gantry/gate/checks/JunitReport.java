package dev.gantry.gate.checks;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The test cases of one JUnit XML report, as Surefire, Gradle, pytest and most other runners write it: a
 * {@code <testsuite>} or a {@code <testsuites>} of them, each {@code <testcase>} passed unless it holds a
 * {@code <failure>}, an {@code <error>} or a {@code <skipped>}. Cases are counted one by one rather than taken
 * from the suites' attributes, which some writers leave out or get wrong.
 *
 * @param commits the values of the properties named in {@link #COMMIT_PROPERTIES}: the commits the report says
 *     were tested
 */
record JunitReport(List<TestCase> cases, List<String> commits) {

    enum Outcome {
        PASSED,
        FAILED,
        ERROR,
        SKIPPED
    }

    /** One test case; {@code message} says why it failed, empty for the others. */
    record TestCase(String suite, String name, Outcome outcome, String message) {}

    /** The file is not a JUnit report Gantry can read; {@code line} is 0 when the parser does not know it. */
    static final class Unreadable extends Exception {
        private final int line;

        Unreadable(String message, int line) {
            super(message, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private static final int MAX_MESSAGE = 200;

    /** The names of the {@code <property>} that says which commit was tested, as CI setups write it. */
    static final List<String> COMMIT_PROPERTIES = List.of("commit", "git.commit", "revision");

    JunitReport {
        cases = List.copyOf(cases);
        commits = List.copyOf(commits);
    }

    static JunitReport read(EvidenceFile file) throws IOException, Unreadable, EvidenceFile.Refused {
        String fallbackSuite = file.path().getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Handler handler = new Handler(fallbackSuite);
        try (InputStream in = file.open("a JUnit XML report")) {
            parser().parse(new InputSource(in), handler);
        } catch (SAXException e) {
            if (e.getCause() instanceof Unreadable u) throw u;
            int line = e instanceof SAXParseException p ? Math.max(p.getLineNumber(), 0) : 0;
            throw new Unreadable(problem(e), line);
        }
        return new JunitReport(handler.cases, handler.commits);
    }

    /**
     * The JDK's own parser, closed to the outside: no DOCTYPE, hence no external entities, DTDs or entity
     * expansion bombs. A report is data from the build; it must not make Gantry read other files or the network.
     */
    private static SAXParser parser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            factory.setNamespaceAware(false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
        }
    }

    private static String problem(SAXException e) {
        String message =
                e.getMessage() == null ? "cannot be parsed" : e.getMessage().strip();
        if (message.contains("disallow-doctype-decl")) {
            return "DOCTYPE declarations are refused: they could make the parser read other files";
        }
        if (message.endsWith(".")) message = message.substring(0, message.length() - 1);
        return "malformed XML: " + lowerFirst(message);
    }

    private static String lowerFirst(String text) {
        if (text.length() < 2 || Character.isUpperCase(text.charAt(1))) return text;
        return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    /**
     * Follows the elements; only the few that count are looked at, unknown ones are let through. A name that is one
     * of those few in other letters ({@code <Failure>}) is refused, as is a failure outside a test case: JUnit's
     * names are lowercase, and read as unknown such an element would let a failed test pass.
     */
    private static final class Handler extends DefaultHandler {
        private static final List<String> ELEMENTS =
                List.of("testsuites", "testsuite", "testcase", "failure", "error", "skipped");
        private final String fallbackSuite;
        private final List<TestCase> cases = new ArrayList<>();
        private final List<String> commits = new ArrayList<>();
        private final Deque<String> suites = new ArrayDeque<>();
        private int depth;
        private boolean inCase;
        private String caseName;
        private String caseClass;
        private Outcome outcome;
        private String message;
        private StringBuilder text;
        private Locator locator;

        Handler(String fallbackSuite) {
            this.fallbackSuite = fallbackSuite;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        private SAXException refused(String message) {
            int line = locator == null ? 0 : Math.max(locator.getLineNumber(), 0);
            return new SAXException(new Unreadable(message, line));
        }

        @Override
        public void startElement(String uri, String localName, String name, Attributes attributes) throws SAXException {
            if (++depth > EvidenceFile.MAX_DEPTH) {
                throw refused("nested deeper than " + EvidenceFile.MAX_DEPTH + " elements, more than a check reads");
            }
            if (depth == 1 && !name.equals("testsuite") && !name.equals("testsuites")) {
                throw new SAXException(new Unreadable(
                        "not a JUnit report: its root element is <" + name + ">, expected <testsuite> or <testsuites>",
                        0));
            }
            switch (name) {
                case "testsuite" -> suites.push(nonBlank(attributes.getValue("name")));
                case "testcase" -> {
                    inCase = true;
                    caseName = nonBlank(attributes.getValue("name"));
                    caseClass = nonBlank(attributes.getValue("classname"));
                    outcome = Outcome.PASSED;
                    message = "";
                }
                case "failure", "error" -> {
                    if (!inCase) throw refused("<" + name + "> outside a <testcase>: it belongs to no test");
                    if (outcome == Outcome.ERROR || outcome == Outcome.FAILED) return;
                    outcome = name.equals("error") ? Outcome.ERROR : Outcome.FAILED;
                    message = firstLine(attributes.getValue("message"));
                    if (message.isEmpty()) message = firstLine(attributes.getValue("type"));
                    if (message.isEmpty()) text = new StringBuilder();
                }
                case "property" -> {
                    String value = nonBlank(attributes.getValue("value"));
                    if (COMMIT_PROPERTIES.contains(nonBlank(attributes.getValue("name"))) && !value.isEmpty()) {
                        commits.add(value);
                    }
                }
                case "skipped" -> {
                    if (!inCase) throw refused("<skipped> outside a <testcase>: it belongs to no test");
                    if (outcome == Outcome.PASSED) outcome = Outcome.SKIPPED;
                }
                default -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!lower.equals(name) && ELEMENTS.contains(lower)) {
                        throw refused("<" + name + "> is not a JUnit element: JUnit's names are lowercase, expected <"
                                + lower + ">");
                    }
                }
            }
        }

        @Override
        public void characters(char[] chars, int start, int length) {
            // The stack trace stands in for a missing message; its first line is enough.
            if (text != null && text.length() < 4 * MAX_MESSAGE) text.append(chars, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String name) {
            depth--;
            switch (name) {
                case "testsuite" -> {
                    if (!suites.isEmpty()) suites.pop();
                }
                case "failure", "error" -> {
                    if (text != null) {
                        message = firstLine(text.toString());
                        text = null;
                    }
                }
                case "testcase" -> {
                    if (!inCase) return;
                    String why =
                            switch (outcome) {
                                case FAILED -> message.isEmpty() ? "failed" : message;
                                case ERROR -> message.isEmpty() ? "error" : message;
                                case PASSED, SKIPPED -> "";
                            };
                    cases.add(new TestCase(suite(), caseName.isEmpty() ? "(unnamed)" : caseName, outcome, why));
                    inCase = false;
                }
                default -> {}
            }
        }

        /** The nearest suite with a name, else the test's class, else the file's name. */
        private String suite() {
            for (String suite : suites) {
                if (!suite.isEmpty()) return suite;
            }
            return caseClass.isEmpty() ? fallbackSuite : caseClass;
        }
    }

    private static String nonBlank(String value) {
        return value == null ? "" : value.strip();
    }

    private static String firstLine(String value) {
        if (value == null) return "";
        String line = value.strip().lines().findFirst().orElse("").strip();
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "…" : line;
    }
}
