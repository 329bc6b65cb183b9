package dev.gantry.gate.checks;

import dev.gantry.gate.CheckContext;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The report files a glob of the plan names, and how they are shown in evidence. */
final class ReportFiles {

    private ReportFiles() {}

    /**
     * The files matching {@code glob} (with the release's placeholders replaced), sorted: every match that is not
     * a folder, so that a symlink or a special file is refused by name when read rather than left out without a
     * word. The walk starts at the glob's longest folder without wildcards, so {@code build/test-results/**} never
     * reads the whole repository, and it skips {@code .git}. Symlinked folders inside the repository are walked; one
     * pointing out of it is not, and is listed itself so that reading it refuses it. A file reached twice through
     * symlinks is listed once, by its first name.
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
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(file)
                    ? List.of(file)
                    : List.of();
        }
        if (!Files.isDirectory(base)) return List.of();
        Path realRoot = context.root().toRealPath();
        Pattern pattern = GitCheck.glob(rest);
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(
                base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
                            throws IOException {
                        if (dir.equals(base)) return FileVisitResult.CONTINUE;
                        if (dir.getFileName().toString().equals(".git")) return FileVisitResult.SKIP_SUBTREE;
                        if (Files.isSymbolicLink(dir) && !dir.toRealPath().startsWith(realRoot)) {
                            // Listed only when the glob could match a file below it, and then refused when read.
                            Matcher below = pattern.matcher(
                                    base.relativize(dir).toString().replace('\\', '/') + "/");
                            if (below.matches() || below.hitEnd()) found.add(dir);
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        String relative = base.relativize(file).toString().replace('\\', '/');
                        if (!attributes.isDirectory()
                                && pattern.matcher(relative).matches()) found.add(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        // A symlink back to a folder above it: that folder is being walked already.
                        if (e instanceof FileSystemLoopException) return FileVisitResult.CONTINUE;
                        throw e;
                    }
                });
        found.sort(null);
        return once(found);
    }

    /** The files without those that are another's name through a symlink, the first name kept. */
    private static List<Path> once(List<Path> files) {
        Set<Path> seen = new HashSet<>();
        List<Path> kept = new ArrayList<>();
        for (Path file : files) {
            Path real;
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                real = file;
            }
            if (seen.add(real)) kept.add(file);
        }
        return kept;
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
