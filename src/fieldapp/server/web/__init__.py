"""The central server's browser pages: public certificate verification and the admin pages
(routes: server.web.routes; mounted by server.app.create_app)."""
