package org.millgate.portal.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

import org.millgate.portal.apps.Apps;
import org.millgate.portal.webhooks.Webhooks;

/**
 * An unknown product, version, app or subscription on any page: the 404 page, naming what
 * was asked for. Too many apps created: 429, saying when to try again. As many active
 * apps as a partner may hold: 409, saying how to make room.
 */
@ControllerAdvice
class PageNotFound {

	@ExceptionHandler(CatalogController.NotFound.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(CatalogController.NotFound notFound, Model model) {
		model.addAttribute("message", notFound.getMessage());
		return "error/404";
	}

	@ExceptionHandler(Apps.NotFound.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String noApp(Apps.NotFound notFound, Model model) {
		model.addAttribute("message", notFound.getMessage());
		return "error/404";
	}

	@ExceptionHandler(Webhooks.NotFound.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String noWebhook(Webhooks.NotFound notFound, Model model) {
		model.addAttribute("message", notFound.getMessage());
		return "error/404";
	}

	@ExceptionHandler(Apps.TooMany.class)
	@ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
	String tooMany(Apps.TooMany tooMany, Model model, HttpServletResponse response) {
		response.setHeader("Retry-After", "3600");
		model.addAttribute("title", "Too many new apps");
		model.addAttribute("message", tooMany.getMessage());
		return "error/problem";
	}

	@ExceptionHandler(Apps.TooManyActive.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	String tooManyActive(Apps.TooManyActive tooMany, Model model) {
		model.addAttribute("title", "Too many active apps");
		model.addAttribute("message", tooMany.getMessage());
		return "error/problem";
	}

}
