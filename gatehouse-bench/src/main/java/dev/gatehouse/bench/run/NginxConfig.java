package dev.gatehouse.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * nginx as a plain reverse proxy: keep-alive to the upstream, no buffering (SSE answers stream
 * through), no access log. The floor for what one extra hop costs.
 */
final class NginxConfig {
  private NginxConfig() {}

  static String main(Path prefix, String servers) {
    return """
    daemon off;
    master_process on;
    worker_processes auto;
    user root;
    pid %1$s/nginx.pid;
    error_log %1$s/logs/error.log warn;
    events { worker_connections 1024; }
    http {
      access_log off;
      client_body_temp_path %1$s/client_body;
      proxy_temp_path %1$s/proxy;
      fastcgi_temp_path %1$s/fastcgi;
      uwsgi_temp_path %1$s/uwsgi;
      scgi_temp_path %1$s/scgi;
      client_max_body_size 64m;
      keepalive_requests 1000000;
    %2$s}
    """
        .formatted(prefix, servers);
  }

  static String server(String name, int upstreamPort, int listenPort) {
    return """
      upstream up_%1$s { server 127.0.0.1:%2$d; keepalive 128; }
      server {
        listen 127.0.0.1:%3$d;
        location / {
          proxy_pass http://up_%1$s;
          proxy_http_version 1.1;
          proxy_set_header Connection "";
          proxy_set_header Host $http_host;
          proxy_buffering off;
          proxy_request_buffering off;
          proxy_read_timeout 300s;
        }
      }
    """
        .formatted(name, upstreamPort, listenPort);
  }

  static String version(Path nginx) {
    try {
      Process process =
          new ProcessBuilder(nginx.toString(), "-v").redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      int slash = text.indexOf('/');
      return slash < 0 ? text.trim() : text.substring(slash + 1).trim().split("\\s")[0];
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
