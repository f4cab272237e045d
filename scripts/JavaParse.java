// Parses every .java file under a directory with the JDK's own compiler front end (no class path,
// no dependencies: syntax only), for scripts/bindings.sh, which cannot compile the generated Java
// offline. Run with the JDK's source launcher: `java scripts/JavaParse.java <dir>`. Exit 1 on an
// error, e.g. a package name that is a keyword or starts with a digit.
import com.sun.source.util.JavacTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

public class JavaParse {
  public static void main(String[] args) throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
      files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null, null)) {
      JavacTask task = (JavacTask) javac.getTask(null, fileManager, diagnostics, List.of("-proc:none"), null,
          fileManager.getJavaFileObjectsFromPaths(files));
      task.parse();
    }
    long errors = 0;
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        if (++errors <= 10) {
          System.err.println(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null));
        }
      }
    }
    System.out.println(files.size() + " files parsed, " + errors + " errors");
    System.exit(errors == 0 && !files.isEmpty() ? 0 : 1);
  }
}
