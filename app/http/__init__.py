"""How a request is answered over HTTP: the caller, its unit of work, idempotency, the
audit row and the commit, in one pipeline every router uses (app.http.answers). Between
the routers above and the areas below; it knows no area."""
