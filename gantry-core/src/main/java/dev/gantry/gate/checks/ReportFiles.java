package dev.gantry.gate.checks;

import dev.gantry.gate.CheckContext;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The report files a glob of the plan names, and how they are shown in evidence. */
final class ReportFiles {

    private ReportFiles() {}

    /**
     * The regular files matching {@code glob} (with the release's placeholders replaced), sorted. The walk starts
     * at the glob's longest folder without wildcards, so {@code build/test-results/**} never reads the whole
     * repository, and it skips {@code .git}.
     */
    static List<Path> matching(CheckContext context, String glob) throws IOException {
        String expanded = context.expand(glob).replace('\\', '/');
        List<String> segments = List.of(expanded.split("/", -1));
        int literal = 0;
        while (literal < segments.size() - 1 && !hasWildcard(segments.get(literal))) literal++;
        String folder = String.join("/", segments.subList(0, literal));
        Path base = context.root().resolve(folder).normalize();
        String rest = String.join("/", segments.subList(literal, segments.size()));
        if (!hasWildcard(rest)) {
            Path file = base.resolve(rest).normalize();
            return Files.isRegularFile(file) ? List.of(file) : List.of();
        }
        if (!Files.isDirectory(base)) return List.of();
        Pattern pattern = GitCheck.glob(rest);
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                boolean git = dir.getFileName() != null
                        && dir.getFileName().toString().equals(".git");
                return git && !dir.equals(base) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String relative = base.relativize(file).toString().replace('\\', '/');
                if (attributes.isRegularFile() && pattern.matcher(relative).matches()) found.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }

    private static boolean hasWildcard(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
    }

    /** The file as the plan names it: from the repository's top folder, with forward slashes. */
    static String shown(CheckContext context, Path file) {
        Path root = context.root().toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        Path relative = absolute.startsWith(root) ? root.relativize(absolute) : absolute;
        return relative.toString().replace('\\', '/');
    }

    /** Why reading failed, in a few words. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
