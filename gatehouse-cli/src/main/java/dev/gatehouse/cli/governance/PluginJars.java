package dev.gatehouse.cli.governance;

import dev.gatehouse.cli.config.ConfigException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the daemon looks for plugins: its own class path, plus every jar in {@code
 * $GATEHOUSE_HOME/plugins/}. Only plugins the config names are used.
 */
final class PluginJars {
  private PluginJars() {}

  /** A loader that sees the class path and the jars in {@code dir} (if it exists). */
  static ClassLoader loader(Path dir) {
    ClassLoader parent = PluginJars.class.getClassLoader();
    if (!Files.isDirectory(dir)) {
      return parent;
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new ConfigException("cannot load plugins from " + dir + ": " + e.getMessage());
    } catch (IOException e) {
      throw new ConfigException("cannot list the plugins directory " + dir + ": " + e.getMessage());
    }
    return jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
  }
}
