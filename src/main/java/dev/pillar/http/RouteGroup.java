package dev.pillar.http;

import io.javalin.config.RoutesConfig;

/** Routes that another HTTP adapter (the console) adds to the server; the composition root hands them in. */
@FunctionalInterface
public interface RouteGroup {
    void routes(RoutesConfig routes);
}
