// See ../verify-app.groovy: the retrieval equals the reactor's, and hopfield4j came from the deployed repository.
binding.setVariable("app", "java-app")
return new GroovyShell(binding).evaluate(new File(consumersDir, "verify-app.groovy"))
