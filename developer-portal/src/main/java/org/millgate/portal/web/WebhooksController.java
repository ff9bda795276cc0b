package org.millgate.portal.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.millgate.portal.webhooks.Webhook;
import org.millgate.portal.webhooks.Webhooks;

/**
 * A partner's webhooks: create one, see its secret and rotate it, follow its deliveries
 * with every attempt, replay from a point in time, re-queue a dead delivery, delete it.
 */
@Controller
class WebhooksController {

	private static final int DELIVERIES_SHOWN = 50;

	private final Webhooks webhooks;

	private final Actors actors;

	WebhooksController(Webhooks webhooks, Actors actors) {
		this.webhooks = webhooks;
		this.actors = actors;
	}

	@GetMapping("/webhooks")
	String webhooks(@AuthenticationPrincipal OidcUser user, Model model) {
		Webhooks.Actor actor = actor(user);
		model.addAttribute("webhooks", this.webhooks.webhooks(actor));
		model.addAttribute("eventTypes", this.webhooks.eventTypes());
		model.addAttribute("shipTos", this.webhooks.shipTos(actor.partnerId()).stream().sorted().toList());
		return "webhooks";
	}

	@PostMapping("/webhooks")
	String create(@AuthenticationPrincipal OidcUser user, @RequestParam(defaultValue = "") String url,
			@RequestParam(name = "type", required = false) List<String> types, RedirectAttributes flash) {
		try {
			Webhook webhook = this.webhooks.create(actor(user), url, (types != null) ? types : List.of());
			flash.addFlashAttribute("notice", "Webhook created. Verify each delivery's signature with the signing "
					+ "secret below before you trust it.");
			return "redirect:/webhooks/" + webhook.id();
		}
		catch (Webhooks.Refused refused) {
			flash.addFlashAttribute("error", refused.getMessage());
			flash.addFlashAttribute("url", url);
			return "redirect:/webhooks";
		}
	}

	@GetMapping("/webhooks/{id}")
	String webhook(@AuthenticationPrincipal OidcUser user, @PathVariable String id, Model model) {
		Webhook webhook = this.webhooks.webhook(actor(user), id);
		model.addAttribute("webhook", webhook);
		model.addAttribute("now", Instant.now());
		model.addAttribute("counts", this.webhooks.counts(webhook));
		model.addAttribute("deliveries", this.webhooks.deliveries(webhook, DELIVERIES_SHOWN));
		model.addAttribute("shown", DELIVERIES_SHOWN);
		return "webhook";
	}

	@PostMapping("/webhooks/{id}/rotate")
	String rotate(@AuthenticationPrincipal OidcUser user, @PathVariable String id, RedirectAttributes flash) {
		Webhook webhook = this.webhooks.rotate(actor(user), id);
		flash.addFlashAttribute("notice",
				"New signing secret issued. Until " + webhook.previousSecretUntil()
						+ " every delivery carries a signature with each secret; "
						+ "switch your endpoint to the new one before then.");
		return "redirect:/webhooks/" + id;
	}

	@PostMapping("/webhooks/{id}/replay")
	String replay(@AuthenticationPrincipal OidcUser user, @PathVariable String id,
			@RequestParam(defaultValue = "") String from, RedirectAttributes flash) {
		Instant start;
		try {
			start = LocalDateTime.parse(from).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			flash.addFlashAttribute("error",
					"Give the replay's start as a date and time (UTC), e.g. 2026-12-05T08:00.");
			return "redirect:/webhooks/" + id;
		}
		try {
			int queued = this.webhooks.replay(actor(user), id, start);
			flash.addFlashAttribute("notice",
					((queued == 1) ? "1 event since " : queued + " events since ") + start + " queued again; "
							+ ((queued == 1) ? "it is" : "they are")
							+ " sent in order per shipment, with the same webhook-id as before.");
		}
		catch (Webhooks.Refused refused) {
			flash.addFlashAttribute("error", refused.getMessage());
		}
		return "redirect:/webhooks/" + id;
	}

	@PostMapping("/webhooks/{id}/deliveries/{deliveryId}/requeue")
	String requeue(@AuthenticationPrincipal OidcUser user, @PathVariable String id, @PathVariable long deliveryId,
			RedirectAttributes flash) {
		try {
			this.webhooks.requeue(actor(user), id, deliveryId);
			flash.addFlashAttribute("notice", "Delivery queued again.");
		}
		catch (Webhooks.Refused refused) {
			flash.addFlashAttribute("error", refused.getMessage());
		}
		return "redirect:/webhooks/" + id;
	}

	@PostMapping("/webhooks/{id}/delete")
	String delete(@AuthenticationPrincipal OidcUser user, @PathVariable String id,
			@RequestParam(defaultValue = "") String confirm, RedirectAttributes flash) {
		if (!"yes".equals(confirm)) {
			flash.addFlashAttribute("error", "Tick \"Yes, delete it\" to delete the webhook.");
			return "redirect:/webhooks/" + id;
		}
		this.webhooks.delete(actor(user), id);
		flash.addFlashAttribute("notice", "Webhook deleted: nothing more is sent to it.");
		return "redirect:/webhooks";
	}

	private Webhooks.Actor actor(OidcUser user) {
		var actor = this.actors.of(user);
		return new Webhooks.Actor(actor.name(), actor.partnerId());
	}

}
